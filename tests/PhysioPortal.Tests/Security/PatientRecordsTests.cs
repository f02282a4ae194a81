using System.IO.Compression;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PhysioPortal.Core;
using PhysioPortal.Core.Adherence;
using PhysioPortal.Core.Identity;
using PhysioPortal.Tests.Infrastructure;

namespace PhysioPortal.Tests.Security;

[Collection(PortalCollection.Name)]
public class PatientRecordsTests(PortalFactory factory)
{
    [Fact]
    public async Task An_admin_exports_a_patient_s_data_with_handouts_and_it_is_audited()
    {
        var today = LocalDates.PatientToday("Europe/London", DateTimeOffset.UtcNow);
        var clinic = await factory.ClinicAsync();
        var patient = await factory.PatientAsync(clinic.Id, p => p.Notes = "Prefers mornings");
        await factory.PrescriptionAsync(clinic.Id, patient.Id, today.AddDays(-3));
        var (admin, _) = await factory.SignedInAsync(clinic.Id, Roles.Admin);

        var response = await admin.GetAsync($"/admin/patients/{patient.Id}/export");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType!.MediaType);
        using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync());
        using var json = JsonDocument.Parse(zip.GetEntry("patient.json")!.Open());
        Assert.Equal(patient.LastName, json.RootElement.GetProperty("patient").GetProperty("LastName").GetString());
        Assert.Equal("Prefers mornings", json.RootElement.GetProperty("patient").GetProperty("Notes").GetString());
        Assert.Single(json.RootElement.GetProperty("prescriptions").EnumerateArray());
        var handout = Assert.Single(zip.Entries, e => e.FullName.StartsWith("handouts/", StringComparison.Ordinal));
        using var pdf = new MemoryStream();
        await handout.Open().CopyToAsync(pdf);
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(pdf.ToArray(), 0, 4));

        await using var s = factory.SystemDb();
        Assert.True(await s.Db.AuditEvents.AnyAsync(a => a.PatientId == patient.Id && a.Action == "patient.export"));
    }

    [Fact]
    public async Task Erasure_anonymises_the_patient_removes_the_account_and_keeps_logs_as_counts()
    {
        var today = LocalDates.PatientToday("Europe/London", DateTimeOffset.UtcNow);
        var clinic = await factory.ClinicAsync();
        var patient = await factory.PatientAsync(clinic.Id, p => p.Notes = "private");
        await factory.PrescriptionAsync(clinic.Id, patient.Id, today.AddDays(-3));
        var (me, user) = await factory.SignedInAsync(clinic.Id, Roles.Patient, patient.Id);
        var (_, logPage) = await me.GetPageAsync("/me/log");
        await me.PostPageAsync(logPage, "/me/log", [new("Input.PainBefore", "7"), new("Input.Note", "private note")], "main form[method=post]");
        var (admin, _) = await factory.SignedInAsync(clinic.Id, Roles.Admin);

        var refused = await admin.SubmitFormAsync($"/admin/patients/{patient.Id}/erase", new Dictionary<string, string> { ["Confirmation"] = "erase" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var erased = await admin.SubmitFormAsync($"/admin/patients/{patient.Id}/erase", new Dictionary<string, string> { ["Confirmation"] = "ERASE" });
        Assert.Equal(HttpStatusCode.Redirect, erased.StatusCode);

        await using var s = factory.SystemDb();
        var row = await s.Db.Patients.SingleAsync(p => p.Id == patient.Id);
        Assert.Equal("Erased", row.FirstName);
        Assert.Null(row.Email);
        Assert.Null(row.Notes);
        Assert.False(await s.Db.Users.AnyAsync(u => u.Id == user.Id));
        var log = await s.Db.SessionLogs.SingleAsync(l => l.PatientId == patient.Id);
        Assert.Null(log.Note);
        Assert.Null(log.PainBefore);
        Assert.NotEmpty(log.ExercisesDone);
        Assert.True(await s.Db.AuditEvents.AnyAsync(a => a.PatientId == patient.Id && a.Action == "patient.erase"));
        // The erased patient can no longer sign in.
        Assert.Equal(HttpStatusCode.OK, (await factory.Client().SignInAsync(user.Email!, TestData.Password)).StatusCode);
    }

    [Fact]
    public async Task The_audit_log_refuses_updates_and_deletes()
    {
        var clinic = await factory.ClinicAsync();
        var patient = await factory.PatientAsync(clinic.Id);
        var (clinician, _) = await factory.SignedInAsync(clinic.Id, Roles.Clinician);
        await clinician.GetAsync($"/clinic/patients/{patient.Id}");
        await using var s = factory.SystemDb();
        var id = (await s.Db.AuditEvents.FirstAsync(a => a.PatientId == patient.Id)).Id;
        var update = await Assert.ThrowsAnyAsync<Exception>(() => s.Db.AuditEvents.Where(a => a.Id == id).ExecuteUpdateAsync(x => x.SetProperty(a => a.ActorRole, "Admin")));
        Assert.Contains("append-only", update.Message + update.InnerException?.Message);
        await Assert.ThrowsAnyAsync<Exception>(() => s.Db.AuditEvents.Where(a => a.Id == id).ExecuteDeleteAsync());
    }
}

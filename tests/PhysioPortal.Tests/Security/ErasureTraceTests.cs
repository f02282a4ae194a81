using PhysioPortal.Core;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using PhysioPortal.Core.Audit;
using PhysioPortal.Core.Identity;
using PhysioPortal.Tests.Infrastructure;
using Xunit.Abstractions;

namespace PhysioPortal.Tests.Security;

/// <summary>
/// After erasure the patient's name, email and date of birth are nowhere in the database — not in the audit log (which
/// keeps account ids and roles only), not in Hangfire's tables, not in any text column of any schema.
/// </summary>
[Collection(PortalCollection.Name)]
public class ErasureTraceTests(PortalFactory factory, ITestOutputHelper output)
{
    [Fact]
    public async Task An_erased_patient_s_name_email_and_birth_date_are_in_no_table_of_any_schema()
    {
        var today = Core.LocalDates.PatientToday("Europe/London", DateTimeOffset.UtcNow);
        var clinic = await factory.ClinicAsync();
        var unique = TestData.Unique();
        var first = "Zebulon" + unique[..5];
        var last = "Quixwood" + unique[5..];
        var email = $"zq-{unique}@test.example";
        var patient = await factory.PatientAsync(clinic.Id, p =>
        {
            (p.FirstName, p.LastName, p.Email, p.DateOfBirth) = (first, last, email, new DateOnly(1963, 7, 29));
            p.Notes = $"{first} prefers mornings";
        });
        await factory.PrescriptionAsync(clinic.Id, patient.Id, today.AddDays(-3));
        // The patient uses the portal: signs in, downloads the handout, logs a session; staff read and export.
        var (me, _) = await factory.SignedInAsync(clinic.Id, Roles.Patient, patient.Id);
        Assert.Equal(HttpStatusCode.OK, (await me.GetAsync("/me/handout.pdf")).StatusCode);
        var (_, logPage) = await me.GetPageAsync("/me/log");
        await me.PostPageAsync(logPage, "/me/log", [new("Input.Note", $"{first} felt fine")], "main form[method=post]");
        var (admin, _) = await factory.SignedInAsync(clinic.Id, Roles.Admin);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/clinic/patients/{patient.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/admin/patients/{patient.Id}/export")).StatusCode);
        // A queued job that concerns the patient's account (a reset link).
        await factory.Client().SubmitFormAsync("/Identity/Account/ForgotPassword", new Dictionary<string, string> { ["Input.Email"] = email });
        // Before erasure the search does find the name (the search itself works).
        Assert.NotEmpty(await FindAsync(last));

        var erased = await admin.SubmitFormAsync($"/admin/patients/{patient.Id}/erase", new Dictionary<string, string> { ["Confirmation"] = "ERASE" });
        Assert.Equal(HttpStatusCode.Redirect, erased.StatusCode);

        var hits = new List<string>();
        foreach (var needle in new[] { first, last, email, "1963-07-29", "29/07/1963", "07/29/1963" }) hits.AddRange(await FindAsync(needle));
        Assert.True(hits.Count == 0, "Still stored after erasure:\n" + string.Join("\n", hits));

        // The audit log still shows what happened, with "Erased patient" where the name was.
        var (_, audit) = await admin.GetPageAsync("/admin/audit");
        var rows = audit.QuerySelectorAll("tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(rows, r => r.Contains("Erased patient", StringComparison.Ordinal) && r.Contains("Downloaded a handout", StringComparison.Ordinal));
    }

    /// <summary>Every text, varchar, json and jsonb column of every table in every schema, searched for the needle.</summary>
    private async Task<List<string>> FindAsync(string needle)
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        var columns = new List<(string Schema, string Table, string Column)>();
        await using (var list = new NpgsqlCommand("""
            SELECT c.table_schema, c.table_name, c.column_name FROM information_schema.columns c
            JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
            WHERE c.table_schema NOT IN ('pg_catalog', 'information_schema')
              AND c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb')
            """, connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync()) columns.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }
        Assert.Contains(columns, c => c.Schema == "hangfire");
        var hits = new List<string>();
        foreach (var (schema, table, column) in columns)
        {
            await using var find = new NpgsqlCommand(
                $"SELECT count(*) FROM \"{schema}\".\"{table}\" WHERE \"{column}\"::text ILIKE '%' || @needle || '%'", connection);
            find.Parameters.AddWithValue("needle", needle);
            if ((long)(await find.ExecuteScalarAsync())! > 0) hits.Add($"{schema}.{table}.{column} contains {needle}");
        }
        output.WriteLine($"searched {columns.Count} columns for {needle}: {hits.Count} hits");
        return hits;
    }
}

[Collection(PortalCollection.Name)]
public class AuditLogPageTests(PortalFactory factory)
{
    [Fact]
    public async Task Who_is_one_form_and_every_action_can_be_chosen_in_the_filter()
    {
        var clinic = await factory.ClinicAsync();
        var (clinician, user) = await factory.SignedInAsync(clinic.Id, Roles.Clinician);
        var lastName = "Audited" + TestData.Unique();
        var created = await clinician.SubmitFormAsync("/clinic/patients/new", new Dictionary<string, string>
        {
            ["Input.FirstName"] = "Ada", ["Input.LastName"] = lastName,
        }, "main form[method=post]");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        await clinician.GetAsync(created.Headers.Location!.OriginalString);
        var (admin, _) = await factory.SignedInAsync(clinic.Id, Roles.Admin);

        var (_, page) = await admin.GetPageAsync("/admin/audit");
        var options = page.QuerySelectorAll("#action option").Select(o => o.GetAttribute("value")).Where(v => !string.IsNullOrEmpty(v)).ToList();
        Assert.Equal(AuditActions.All.Select(a => a.Code).Order(), options.Order());
        foreach (var code in new[] { AuditActions.PatientCreate, AuditActions.PrescriptionSave, AuditActions.PatientInvite, AuditActions.PatientErase })
            Assert.Contains(code, options);

        var (_, creates) = await admin.GetPageAsync($"/admin/audit?action={AuditActions.PatientCreate}");
        var row = Assert.Single(creates.QuerySelectorAll("tbody tr"), r => r.TextContent.Contains(lastName, StringComparison.Ordinal));
        var who = row.QuerySelectorAll("td")[1].TextContent;
        Assert.Equal($"{user.DisplayName} (Clinician)", who); // a name and role, never an email
        Assert.DoesNotContain("@", string.Concat(creates.QuerySelectorAll("tbody td:nth-child(2)").Select(td => td.TextContent)), StringComparison.Ordinal);

        await using var s = factory.SystemDb();
        var stored = await s.Db.AuditEvents.Where(a => a.UserId == user.Id).ToListAsync();
        Assert.All(stored, a => Assert.Equal(Roles.Clinician, a.ActorRole));
    }
}

using System.Net;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PhysioPortal.Core.Exercises;
using PhysioPortal.Core.Identity;
using PhysioPortal.Core.Prescriptions;
using PhysioPortal.Core.Reminders;
using PhysioPortal.Core.Reminders.Jobs;
using PhysioPortal.Tests.Infrastructure;

namespace PhysioPortal.Tests.Reminders;

/// <summary>Hangfire itself: the dashboard's gate, and a real server on PostgreSQL running the jobs.</summary>
[Collection(PortalCollection.Name)]
public class JobsTests(PortalFactory factory)
{
    [Fact]
    public async Task The_dashboard_refuses_anonymous_users_clinicians_and_clinic_admins()
    {
        var anonymous = await factory.Client().GetAsync("/admin/jobs");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/Identity/Account/Login", anonymous.Headers.Location!.PathAndQuery, StringComparison.OrdinalIgnoreCase);

        var clinic = await factory.ClinicAsync();
        var (clinician, _) = await factory.SignedInAsync(clinic.Id, Roles.Clinician);
        var refused = await clinician.GetAsync("/admin/jobs");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/Identity/Account/AccessDenied", refused.Headers.Location!.PathAndQuery, StringComparison.OrdinalIgnoreCase);
        var api = await clinician.GetAsync("/admin/jobs/stats");
        Assert.NotEqual(HttpStatusCode.OK, api.StatusCode);

        // Clinic admins too: the dashboard holds every clinic's jobs; platform operators only (Security.DashboardTests).
        var (admin, _) = await factory.SignedInAsync(clinic.Id, Roles.Admin);
        var notServed = await admin.GetAsync("/admin/jobs");
        Assert.Equal(HttpStatusCode.Redirect, notServed.StatusCode);
        Assert.StartsWith("/Identity/Account/AccessDenied", notServed.Headers.Location!.PathAndQuery, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_real_hangfire_server_on_postgresql_sends_the_new_prescription_email_with_its_handout()
    {
        var clinic = await factory.ClinicAsync("Hill Street Physio");
        var patient = await factory.PatientAsync(clinic.Id);
        var storage = factory.Services.GetRequiredService<JobStorage>();
        using var server = new BackgroundJobServer(new BackgroundJobServerOptions
        {
            Activator = factory.Services.GetRequiredService<JobActivator>(),
            WorkerCount = 2,
            SchedulePollingInterval = TimeSpan.FromSeconds(1),
            ServerName = "tests-" + TestData.Unique(),
        }, storage);

        // Prescribing (the hook is the portal's own, from its container) plans the email and enqueues the sender.
        await using (var scope = factory.Services.CreateAsyncScope())
        await using (var s = factory.SystemDb())
        {
            var hooks = scope.ServiceProvider.GetRequiredService<EmailPlanningHooks>();
            var exercises = await s.Db.Exercises.Where(e => e.ClinicId == null).OrderBy(e => e.Slug).Take(2).ToListAsync();
            var service = new PrescriptionService(s.Db, TimeProvider.System, [hooks]);
            var draft = new PrescriptionDraft("Desk worker routine", null, DaysOfWeek.Every, 1, new TimeOnly(8, 0),
                DateOnly.FromDateTime(DateTime.UtcNow), 4, "Little and often.", exercises.Select(e => new DraftItem(e.Id, e.DefaultDosage, null)).ToList());
            Assert.IsType<SaveOutcome.Saved>(await service.SaveAsync(patient.Id, draft, null, null, "clinician-hangfire", "Dr Hill"));
        }

        Assert.True(await ReminderTestData.EventuallyAsync(async () =>
            (await factory.RowsAsync(patient.Id)).Any(r => r.Kind == EmailKind.NewPrescription && r.State == EmailState.Sent), TimeSpan.FromSeconds(30)),
            "The new-prescription email was not sent by the Hangfire server within 30 s.");
        // The routine's first questionnaire goes at once too (prescribed after its time); this test is about the routine's email.
        var mail = Assert.Single(factory.MailTo(patient.Email!), m => m.Headers["Subject"] == "Hill Street Physio: your exercise routine");
        Assert.Contains(mail.MessageParts, p => p.HeaderData.Contains("application/pdf", StringComparison.OrdinalIgnoreCase));

        // Running the sender job again through Hangfire sends nothing more.
        var jobId = factory.Services.GetRequiredService<IBackgroundJobClient>().Enqueue<SendDueEmailsJob>(j => j.RunAsync(CancellationToken.None));
        Assert.True(await ReminderTestData.EventuallyAsync(() =>
            Task.FromResult(storage.GetMonitoringApi().JobDetails(jobId)?.History.FirstOrDefault()?.StateName == "Succeeded"), TimeSpan.FromSeconds(30)));
        Assert.Single(factory.MailTo(patient.Email!), m => m.Headers["Subject"] == "Hill Street Physio: your exercise routine");
        await factory.CancelPendingAsync(patient.Id);
    }
}

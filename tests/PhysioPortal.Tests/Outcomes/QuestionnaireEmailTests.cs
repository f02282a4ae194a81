using System.Net;
using AngleSharp.Dom;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using PhysioPortal.Core;
using PhysioPortal.Core.Outcomes;
using PhysioPortal.Core.Prescriptions;
using PhysioPortal.Core.Reminders;
using PhysioPortal.Tests.Infrastructure;
using PhysioPortal.Tests.Reminders;

namespace PhysioPortal.Tests.Outcomes;

/// <summary>
/// The outcome questionnaire by email: planned by the real planner as a scheduled-email row (at the start of the routine
/// and every 2 weeks), sent once by the real sender to the in-process SMTP server, answered through the email's link
/// without a password; none for a patient who unsubscribed, and none left pending once the routine ends or changes.
/// </summary>
[Collection(PortalCollection.Name)]
public partial class QuestionnaireEmailTests(PortalFactory factory)
{
    [GeneratedRegex(@"http://localhost(/questionnaire/[A-Za-z0-9_-]+)")]
    private static partial Regex Link();

    private static DateOnly Today => LocalDates.PatientToday("Europe/London", DateTimeOffset.UtcNow);

    private async Task PlanAndSendAsync(Guid prescriptionId)
    {
        await using var s = factory.SystemDb();
        await ReminderTestData.Planner(s.AllClinics, TimeProvider.System).PlanPrescriptionAsync(prescriptionId);
        await ReminderTestData.Sender(s.AllClinics, factory.Smtp.Configuration.Port, TimeProvider.System).SendDueAsync();
    }

    [Fact]
    public async Task The_first_day_s_questionnaire_is_one_row_one_email_and_its_link_records_the_answers_on_the_phone()
    {
        var clinic = await factory.ClinicAsync("Questionnaire Physio");
        // Reminder time just after midnight: today's questionnaire is found after its time and goes now (prescribed later in the day).
        var patient = await factory.PatientAsync(clinic.Id, p => { p.FirstName = "Quinn"; p.ReminderTime = new TimeOnly(0, 0, 1); });
        var rx = await factory.PrescriptionAsync(clinic.Id, patient.Id, Today);

        await PlanAndSendAsync(rx.Id);
        await PlanAndSendAsync(rx.Id); // planning and sending again changes nothing

        var rows = (await factory.RowsAsync(patient.Id)).Where(r => r.Kind == EmailKind.Questionnaire).ToList();
        var row = Assert.Single(rows);
        Assert.Equal(EmailState.Sent, row.State);
        Assert.Equal(EmailSchedule.QuestionnaireKey(rx.Id, Today), row.UniqueKey);
        Assert.Equal(Today, row.LocalDate);

        var mail = Assert.Single(factory.MailTo(patient.Email!), m => m.Headers["Subject"]!.Contains("2 minutes", StringComparison.Ordinal));
        var message = MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(mail.Data)));
        Assert.Equal("Before you start: 2 minutes for your clinician at Questionnaire Physio", message.Subject);
        Assert.NotNull(message.Headers["List-Unsubscribe"]);
        var path = Link().Match(message.TextBody ?? "").Groups[1].Value;
        Assert.NotEmpty(path);
        Assert.Contains($"http://localhost{path}", message.HtmlBody, StringComparison.Ordinal);

        // The link opens the baseline questionnaire, no sign-in; GET stores nothing.
        var phone = factory.Client();
        var (get, form) = await phone.GetPageAsync(path);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Contains("How are you doing, Quinn?", form.Body!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(form.QuerySelector("#activity-0"));

        // Out of range: a message next to the field, nothing stored.
        var (bad, badPage) = await phone.PostPageAsync(form, path, [new("Items[0].Activity", "Climbing stairs"), new("Items[0].Rating", "11")], "main form");
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("Rate each activity from 0", badPage.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Climbing stairs", badPage.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#activity-0")!.Value);

        var (saved, thanks) = await phone.PostPageAsync(form, path,
            [new("Items[0].Activity", "Climbing stairs"), new("Items[0].Rating", "3"), new("Items[1].Activity", "Carrying shopping"), new("Items[1].Rating", "5")], "main form");
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Contains("Thank you, Quinn", thanks.Body!.TextContent, StringComparison.Ordinal);
        await using (var s = factory.SystemDb())
        {
            var psfs = await s.Db.OutcomeScores.SingleAsync(x => x.PatientId == patient.Id);
            Assert.Equal(OutcomeMeasure.Psfs, psfs.Measure);
            Assert.Equal(4m, psfs.Score);
            Assert.Equal(["Climbing stairs", "Carrying shopping"], psfs.Activities);
            Assert.Equal(rx.Id, psfs.PrescriptionId);
        }

        // Opened again (or posted again from the open form): answered, nothing more stored.
        var (again, answered) = await phone.GetPageAsync(path);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.NotNull(answered.QuerySelector("#already-answered"));
        await phone.PostPageAsync(form, path, [new("Items[0].Activity", "Running"), new("Items[0].Rating", "9")], "main form");
        await using (var s = factory.SystemDb())
        {
            Assert.Equal(1, await s.Db.OutcomeScores.CountAsync(x => x.PatientId == patient.Id));
        }

        // A made-up token opens nothing.
        var (unknown, _) = await factory.Client().GetPageAsync("/questionnaire/not-a-real-token");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task A_patient_who_unsubscribed_gets_no_questionnaire()
    {
        var clinic = await factory.ClinicAsync();
        var patient = await factory.PatientAsync(clinic.Id, p => { p.EmailConsent = false; p.ReminderTime = new TimeOnly(0, 0, 1); });
        var rx = await factory.PrescriptionAsync(clinic.Id, patient.Id, Today);
        await PlanAndSendAsync(rx.Id);
        Assert.DoesNotContain(await factory.RowsAsync(patient.Id), r => r.Kind == EmailKind.Questionnaire && r.State != EmailState.Cancelled);
        Assert.Empty(factory.MailTo(patient.Email!));
    }

    [Fact]
    public async Task The_follow_up_waiting_for_tomorrow_is_cancelled_when_the_routine_ends_or_its_start_changes()
    {
        var clinic = await factory.ClinicAsync();
        var ending = await factory.PatientAsync(clinic.Id);
        var changing = await factory.PatientAsync(clinic.Id);
        // Started 13 days ago: the follow-up is tomorrow (day 14), inside the planner's 48 hours.
        var endingRx = await factory.PrescriptionAsync(clinic.Id, ending.Id, Today.AddDays(-13));
        var changingRx = await factory.PrescriptionAsync(clinic.Id, changing.Id, Today.AddDays(-13));
        await using var s = factory.SystemDb();
        var planner = ReminderTestData.Planner(s.AllClinics, TimeProvider.System);
        await planner.PlanPrescriptionAsync(endingRx.Id);
        await planner.PlanPrescriptionAsync(changingRx.Id);
        var tomorrow = Today.AddDays(1);
        foreach (var rx in new[] { endingRx, changingRx })
        {
            var pending = Assert.Single(await factory.RowsAsync(prescriptionId: rx.Id), r => r.Kind == EmailKind.Questionnaire);
            Assert.Equal((EmailState.Pending, tomorrow), (pending.State, pending.LocalDate));
        }

        await s.Db.Prescriptions.Where(p => p.Id == endingRx.Id).ExecuteUpdateAsync(x => x.SetProperty(p => p.Status, PrescriptionStatus.Ended));
        // A new version that starts later: the old two-weekly day no longer holds.
        await s.Db.PrescriptionVersions.Where(v => v.PrescriptionId == changingRx.Id).ExecuteUpdateAsync(x => x.SetProperty(v => v.StartDate, Today.AddDays(3)));
        await planner.PlanPrescriptionAsync(endingRx.Id);
        await planner.PlanPrescriptionAsync(changingRx.Id);

        var ended = Assert.Single(await factory.RowsAsync(prescriptionId: endingRx.Id), r => r.Kind == EmailKind.Questionnaire);
        Assert.Equal((EmailState.Cancelled, EmailPlanner.Reasons.Ended), (ended.State, ended.LastError));
        var replanned = Assert.Single(await factory.RowsAsync(prescriptionId: changingRx.Id), r => r.Kind == EmailKind.Questionnaire);
        Assert.Equal((EmailState.Cancelled, EmailPlanner.Reasons.Replanned), (replanned.State, replanned.LastError));
    }
}

using PhysioPortal.Core.Email;
using PhysioPortal.Core.Exercises;
using PhysioPortal.Core.Tokens;

namespace PhysioPortal.Core.Reminders;

/// <summary>
/// The emails a patient gets from their prescription: new prescription (with the handout attached), reminder,
/// check-in, nudge and the outcome questionnaire (with its own link). Each carries an unsubscribe link (and the List-Unsubscribe headers); a reminder or nudge on a
/// scheduled day also carries the one-tap log link. The links' tokens are added to the context, saved by the sender.
/// </summary>
public sealed class PatientEmails(TimeProvider clock, ReminderOptions options, HandoutAttachment? handouts)
{
    public async Task<OutgoingEmail> ComposeAsync(ScheduledEmail row, ScheduledEmailContext c, LinkTokens tokens, CancellationToken ct)
    {
        var clinic = c.Clinic!;
        var patient = c.Patient!;
        var rx = c.Prescription!;
        var v = rx.Version!;
        var unsubscribe = options.PortalUrl("unsubscribe/" + tokens.Issue(TokenPurpose.Unsubscribe, patient.ClinicId, patient.Id, options.UnsubscribeLinkLifetime));
        var schedule = v.Schedule;
        var day = row.LocalDate ?? LocalDates.PatientToday(patient.TimeZoneId, clock.GetUtcNow());
        string? oneTap = null;
        if (row.Kind is EmailKind.Reminder or EmailKind.Nudge && schedule.IsScheduled(day))
        {
            oneTap = options.PortalUrl("log/" + tokens.Issue(TokenPurpose.OneTapLog, patient.ClinicId, patient.Id, options.OneTapLinkLifetime, rx.Id, day));
        }
        // The questionnaire's own link: answered on the phone, without a password (like the one-tap log).
        string? questionnaire = null;
        if (row.Kind == EmailKind.Questionnaire)
        {
            questionnaire = options.PortalUrl("questionnaire/" + tokens.Issue(TokenPurpose.Questionnaire, patient.ClinicId, patient.Id, options.QuestionnaireLinkLifetime, rx.Id, day));
        }
        // Before the patient has an account, the routine email brings the invitation (a sign-in link would not open).
        string? invitation = null;
        if (row.Kind == EmailKind.NewPrescription && !c.PatientHasAccount)
        {
            invitation = options.PortalUrl("invite/" + tokens.Issue(TokenPurpose.Invitation, patient.ClinicId, patient.Id, Patients.PatientInvitations.LinkLifetime));
        }
        EmailAttachment? attachment = null;
        if (row.Kind == EmailKind.NewPrescription && handouts is not null)
        {
            attachment = await handouts.ForAsync(rx.Id, v.Number, options.PublicUrl, ct);
        }
        var model = new PatientEmailModel
        {
            ClinicName = clinic.Name,
            ClinicPhone = string.IsNullOrWhiteSpace(clinic.Phone) ? null : clinic.Phone,
            FirstName = patient.FirstName,
            RoutineTitle = v.Title,
            ClinicianName = string.IsNullOrWhiteSpace(rx.ClinicianName) ? clinic.Name : rx.ClinicianName,
            VersionNumber = v.Number,
            ExerciseCount = v.ExerciseCount,
            DaysText = v.Days.Text(),
            SessionsPerDay = v.SessionsPerDay,
            StartDate = v.StartDate,
            EndDate = schedule.EndDate,
            NoteToPatient = v.NoteToPatient,
            LocalDate = day,
            PortalUrl = options.PortalUrl("me"),
            LogUrl = options.PortalUrl("me/log"),
            HandoutUrl = options.PortalUrl("me/handout.pdf"),
            UnsubscribeUrl = unsubscribe,
            OneTapLogUrl = oneTap,
            QuestionnaireUrl = questionnaire,
            HandoutAttached = attachment is not null,
            HasAccount = c.PatientHasAccount,
            InvitationUrl = invitation,
            InvitationUntil = DateOnly.FromDateTime(clock.GetUtcNow().Add(Patients.PatientInvitations.LinkLifetime).UtcDateTime),
            IsPregnant = patient.Conditions.HasFlag(Patients.ConditionSet.Pregnancy),
        };
        var email = row.Kind switch
        {
            EmailKind.NewPrescription => EmailComposer.NewPrescription(model),
            EmailKind.Reminder => EmailComposer.Reminder(model),
            EmailKind.CheckIn => EmailComposer.CheckIn(model),
            EmailKind.Nudge => EmailComposer.Nudge(model),
            EmailKind.Questionnaire => EmailComposer.Questionnaire(model),
            _ => throw new InvalidOperationException($"No patient email is composed for kind {row.Kind}."),
        };
        return new OutgoingEmail(patient.Email!, patient.FullName, email.Subject, email.Text, email.Html)
        {
            // RFC 2369 / RFC 8058: mail programs show an unsubscribe button that POSTs "List-Unsubscribe=One-Click".
            Headers = new Dictionary<string, string>
            {
                ["List-Unsubscribe"] = $"<{unsubscribe}>",
                ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
            },
            Attachments = attachment is null ? [] : [attachment],
        };
    }
}

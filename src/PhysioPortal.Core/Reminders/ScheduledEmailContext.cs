using Microsoft.EntityFrameworkCore;
using PhysioPortal.Core.Adherence;
using PhysioPortal.Core.Data;
using PhysioPortal.Core.Exercises;
using PhysioPortal.Core.Prescriptions;

namespace PhysioPortal.Core.Reminders;

/// <summary>What the sender knows about a claimed row's recipient, and whether it may still be sent.</summary>
public sealed record ScheduledEmailContext(
    ScheduledEmail Row,
    Clinics.Clinic? Clinic,
    Patients.Patient? Patient,
    ScheduledEmailContext.PrescriptionInfo? Prescription,
    (string? Email, string DisplayName)? Clinician)
{
    public const string AllLogged = "Cancelled: the sessions of that day are already logged.";

    /// <summary>For a reminder or nudge: how many sessions of its day (the patient's local date) are logged by now.</summary>
    public int SessionsLoggedThatDay { get; init; }

    /// <summary>For a digest: its clinician turned the weekly digest off (<see cref="DigestSubscription"/>).</summary>
    public bool ClinicianDigestOff { get; init; }

    public const string DigestTurnedOff = "Cancelled: the clinician turned the weekly digest off.";

    /// <summary>For a questionnaire: the patient's local date of their last answer (PSFS), if any.</summary>
    public DateOnly? LastQuestionnaire { get; init; }

    public const string QuestionnaireAnswered = "Cancelled: the patient answered the questionnaire in the week before.";

    /// <summary>The patient has accepted an invitation (has a password), so links to the portal open for them.</summary>
    public bool PatientHasAccount { get; init; }

    public sealed record PrescriptionInfo(Guid Id, Guid PatientId, PrescriptionStatus Status, string ClinicianName, VersionInfo? Version);

    public sealed record VersionInfo(Guid Id, int Number, string Title, DaysOfWeek Days, int SessionsPerDay, TimeOnly ReminderTime,
        DateOnly StartDate, int Weeks, string? NoteToPatient, int ExerciseCount)
    {
        public PatientSchedule Schedule => PatientSchedule.Of(Days, SessionsPerDay, StartDate, Weeks);
    }

    /// <summary>Why this row must not be sent now (it is cancelled with this reason), or null to send it.</summary>
    public string? WhyNot(ScheduledEmail row)
    {
        if (Clinic is null) return "Cancelled: the clinic no longer exists.";
        if (row.Kind is EmailKind.ClinicianDigest or EmailKind.ClinicianAlert)
        {
            if (Clinician is not { Email: { Length: > 0 } }) return "Cancelled: the clinician has no account or email address any more.";
            return row.Kind == EmailKind.ClinicianDigest && ClinicianDigestOff ? DigestTurnedOff : null;
        }
        if (Patient is null) return "Cancelled: the patient no longer exists.";
        if (EmailPlanner.WhyNot(Patient.ArchivedAt, Patient.EmailConsent, Patient.Email) is { } reason) return reason;
        if (Prescription is null || Prescription.PatientId != Patient.Id || Prescription.Version is null) return "Cancelled: the prescription no longer exists.";
        if (Prescription.Status != PrescriptionStatus.Active) return EmailPlanner.Reasons.Ended;
        if (row.Kind == EmailKind.Reminder && (row.LocalDate is not { } day || !Prescription.Version.Schedule.IsScheduled(day))) return EmailPlanner.Reasons.Replanned;
        // Checked now, not when planned: the patient may have logged the day (their local date) in the meantime.
        if (row.Kind == EmailKind.Reminder && SessionsLoggedThatDay >= Prescription.Version.SessionsPerDay) return AllLogged;
        if (row.Kind == EmailKind.Nudge && SessionsLoggedThatDay > 0) return AllLogged;
        if (row.Kind == EmailKind.Questionnaire && (row.LocalDate is not { } asked || !Outcomes.QuestionnaireSchedule.Days(Prescription.Version.Schedule).Contains(asked)))
            return EmailPlanner.Reasons.Replanned;
        if (row.Kind == EmailKind.Questionnaire && Outcomes.QuestionnaireSchedule.Answered(LastQuestionnaire, row.LocalDate!.Value)) return QuestionnaireAnswered;
        return null;
    }

    /// <summary>Everything a batch's emails need, in a few queries whatever the batch size (any clinic's rows).</summary>
    public static async Task<Dictionary<Guid, ScheduledEmailContext>> ForBatchAsync(PortalDbContext db, IReadOnlyList<ScheduledEmail> rows,
        CancellationToken ct)
    {
        var patientIds = rows.Where(r => r.PatientId is not null).Select(r => r.PatientId!.Value).Distinct().ToList();
        var prescriptionIds = rows.Where(r => r.PrescriptionId is not null).Select(r => r.PrescriptionId!.Value).Distinct().ToList();
        var clinicIds = rows.Select(r => r.ClinicId).Distinct().ToList();
        var userIds = rows.Where(r => r.ClinicianUserId is not null).Select(r => r.ClinicianUserId!).Distinct().ToList();

        var patients = await db.Patients.AsNoTracking().Where(p => patientIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var clinics = await db.Clinics.AsNoTracking().Where(c => clinicIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        var users = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id))
            .Select(u => new { u.Id, u.Email, u.DisplayName }).ToDictionaryAsync(u => u.Id, u => (u.Email, u.DisplayName), ct);
        var prescriptions = await db.Prescriptions.AsNoTracking().Where(p => prescriptionIds.Contains(p.Id))
            .Select(p => new PrescriptionInfo(p.Id, p.PatientId, p.Status, p.ClinicianName,
                p.Versions.Where(v => v.Number == p.CurrentVersionNumber)
                    .Select(v => new VersionInfo(v.Id, v.Number, v.Title, v.Days, v.SessionsPerDay, v.ReminderTime, v.StartDate, v.Weeks,
                        v.NoteToPatient, v.Exercises.Count))
                    .FirstOrDefault()))
            .ToDictionaryAsync(p => p.Id, ct);

        var dayRows = rows.Where(r => r.Kind is EmailKind.Reminder or EmailKind.Nudge && r.PrescriptionId is not null && r.LocalDate is not null).ToList();
        var dayPrescriptions = dayRows.Select(r => r.PrescriptionId!.Value).Distinct().ToList();
        var days = dayRows.Select(r => r.LocalDate!.Value).Distinct().ToList();
        var logged = dayRows.Count == 0
            ? new Dictionary<(Guid, DateOnly), int>()
            : (await db.SessionLogs.AsNoTracking().Where(l => dayPrescriptions.Contains(l.PrescriptionId) && days.Contains(l.LocalDate))
                .GroupBy(l => new { l.PrescriptionId, l.LocalDate }).Select(g => new { g.Key.PrescriptionId, g.Key.LocalDate, Count = g.Count() })
                .ToListAsync(ct)).ToDictionary(x => (x.PrescriptionId, x.LocalDate), x => x.Count);

        var digestOff = await DigestSubscription.OffAmongAsync(db,
            rows.Where(r => r.Kind == EmailKind.ClinicianDigest && r.ClinicianUserId is not null).Select(r => r.ClinicianUserId!).Distinct().ToList(), ct);

        var askedPatients = rows.Where(r => r.Kind == EmailKind.Questionnaire && r.PatientId is not null).Select(r => r.PatientId!.Value).Distinct().ToList();
        var answered = askedPatients.Count == 0
            ? new Dictionary<Guid, DateOnly>()
            : await db.OutcomeScores.AsNoTracking().Where(s => askedPatients.Contains(s.PatientId) && s.Measure == Outcomes.OutcomeMeasure.Psfs)
                .GroupBy(s => s.PatientId).Select(g => new { PatientId = g.Key, Last = g.Max(s => s.LocalDate) })
                .ToDictionaryAsync(x => x.PatientId, x => x.Last, ct);

        var withAccount = (await db.Users.AsNoTracking().Where(u => u.PatientId != null && patientIds.Contains(u.PatientId.Value))
            .Select(u => u.PatientId!.Value).ToListAsync(ct)).ToHashSet();

        return rows.ToDictionary(r => r.Id, r => new ScheduledEmailContext(
            r,
            clinics.GetValueOrDefault(r.ClinicId),
            r.PatientId is { } pid ? patients.GetValueOrDefault(pid) : null,
            r.PrescriptionId is { } rid ? prescriptions.GetValueOrDefault(rid) : null,
            r.ClinicianUserId is { } uid && users.TryGetValue(uid, out var u) ? u : null)
        {
            PatientHasAccount = r.PatientId is { } id && withAccount.Contains(id),
            LastQuestionnaire = r.Kind == EmailKind.Questionnaire && r.PatientId is { } asked && answered.TryGetValue(asked, out var last) ? last : null,
            ClinicianDigestOff = r.ClinicianUserId is { } cid && digestOff.Contains(cid),
            SessionsLoggedThatDay = r.PrescriptionId is { } p && r.LocalDate is { } d ? logged.GetValueOrDefault((p, d)) : 0,
        });
    }
}

using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PhysioPortal.Core.Data;
using PhysioPortal.Core.Exercises;
using PhysioPortal.Core.Patients;
using PhysioPortal.Core.Safety;

namespace PhysioPortal.Core.Prescriptions;

/// <summary>An exercise swapped for a safer one when a draft was made: what, for what, and the warning it avoids.</summary>
public sealed record AppliedSwap(Guid FromId, string FromName, Guid ToId, string ToName, string Warning);

/// <summary>
/// Saves prescriptions: validates the draft, checks it against the safety rules, snapshots the exercises and keeps
/// every version. Reads through the clinic-scoped DbContext, so another clinic's patient or exercise is simply absent.
/// </summary>
public sealed class PrescriptionService(PortalDbContext db, TimeProvider clock, IEnumerable<IPrescriptionSavedListener>? listeners = null)
{
    /// <summary>Today where the patient lives: the dates of a prescription are the patient's dates.</summary>
    public DateOnly PatientToday(Patient patient) => LocalDates.PatientToday(patient.TimeZoneId, clock.GetUtcNow());

    /// <summary>The active prescription of a patient, with its versions, or null.</summary>
    public Task<Prescription?> ActiveAsync(Guid patientId, CancellationToken ct = default) =>
        db.Prescriptions.Include(p => p.Versions).ThenInclude(v => v.Exercises)
            .AsSplitQuery()
            .FirstOrDefaultAsync(p => p.PatientId == patientId && p.Status == PrescriptionStatus.Active, ct);

    /// <summary>
    /// A draft made from a template (built-in or the clinic's own, not archived): its exercises with their dosages and
    /// its default schedule. The prescription saved from it snapshots the exercises then, so a later change to the
    /// routine never reaches it.
    /// </summary>
    public async Task<PrescriptionDraft?> FromTemplateAsync(string slug, Patient patient, CancellationToken ct = default)
    {
        var template = await db.RoutineTemplates.AsNoTracking().Include(t => t.Items)
            .Where(t => t.Slug == slug && t.ArchivedAt == null).OrderBy(t => t.ClinicId == null).FirstOrDefaultAsync(ct);
        if (template is null) return null;
        return new PrescriptionDraft(template.Name, template.Slug, template.DefaultDays, template.DefaultSessionsPerDay,
            patient.ReminderTime, PatientToday(patient), template.DefaultWeeks, null,
            template.Items.OrderBy(i => i.Position).Select(i => new DraftItem(i.ExerciseId, i.Dosage, i.Note)).ToList());
    }

    /// <summary>The clinic's local date (its time zone): a new prescription starts on it, not on the UTC date.</summary>
    public async Task<DateOnly> ClinicTodayAsync(Guid clinicId, CancellationToken ct = default)
    {
        var zone = await db.Clinics.AsNoTracking().Where(c => c.Id == clinicId).Select(c => c.TimeZoneId).FirstOrDefaultAsync(ct);
        return Reminders.EmailSchedule.LocalDate(clock.GetUtcNow(), Reminders.EmailSchedule.Zone(zone));
    }

    /// <summary>
    /// A draft from a template for this patient, starting on the clinic's date, with each exercise a position warning
    /// names (lying on the back after the first trimester, face down in pregnancy) already swapped for its first safer
    /// alternative (its dosage kept when it suits the alternative, <see cref="SaferSwaps.DosageFor"/>). The swaps are returned so the builder can say so and offer to undo them.
    /// </summary>
    public async Task<(PrescriptionDraft Draft, IReadOnlyList<AppliedSwap> Swaps)?> SaferFromTemplateAsync(string slug, Patient patient, CancellationToken ct = default)
    {
        if (await FromTemplateAsync(slug, patient, ct) is not { } draft) return null;
        draft = draft with { StartDate = await ClinicTodayAsync(patient.ClinicId, ct) };
        var exercises = await ExercisesAsync(draft.Items.Select(i => i.ExerciseId), ct);
        var warnings = Check(patient, draft, exercises).Where(SaferSwaps.CanSwap).ToList();
        if (warnings.Count == 0) return (draft, []);
        var library = await db.Exercises.AsNoTracking().ToListAsync(ct);
        var items = draft.Items.ToList();
        var swaps = new List<AppliedSwap>();
        foreach (var group in warnings.GroupBy(w => w.ExerciseSlug))
        {
            var index = items.FindIndex(i => exercises.TryGetValue(i.ExerciseId, out var e) && e.Slug == group.Key);
            if (index < 0) continue;
            var from = exercises[items[index].ExerciseId];
            var to = SaferSwaps.For(from, group.Select(w => w.Code), library, items.Select(i => i.ExerciseId).ToHashSet(), items[index].Dosage).FirstOrDefault();
            if (to is null) continue;
            // The template's note was about the old exercise's position: it goes with it. The dosage goes along when it
            // suits the new exercise (a hold stays a hold), else the new exercise brings its own.
            items[index] = items[index] with { ExerciseId = to.Id, Note = null, Dosage = SaferSwaps.DosageFor(items[index].Dosage, to) };
            swaps.Add(new AppliedSwap(from.Id, from.Name, to.Id, to.Name, group.First().Message));
        }
        return (draft with { Items = items }, swaps);
    }

    /// <summary>The template that fits the patient's conditions best (pregnancy, sciatica and scoliosis first).</summary>
    public static ExerciseGroup? PreferredCondition(ConditionSet conditions)
    {
        ExerciseGroup[] order = [ExerciseGroup.Pregnancy, ExerciseGroup.Sciatica, ExerciseGroup.Scoliosis];
        return order.Where(g => conditions.HasFlag(g.ToCondition())).Cast<ExerciseGroup?>().FirstOrDefault()
               ?? conditions.Groups().Cast<ExerciseGroup?>().FirstOrDefault();
    }

    /// <summary>The library exercises a draft names, by id (only those this clinic may use).</summary>
    public async Task<Dictionary<Guid, Exercise>> ExercisesAsync(IEnumerable<Guid> ids, CancellationToken ct = default)
    {
        var wanted = ids.Distinct().ToList();
        return await db.Exercises.AsNoTracking().Include(e => e.Media).Where(e => wanted.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
    }

    public static IReadOnlyList<SafetyWarning> Check(Patient patient, PrescriptionDraft draft, IReadOnlyDictionary<Guid, Exercise> exercises) =>
        SafetyRules.Evaluate(new SafetyCheck(patient.Conditions, patient.PregnancyDueDate, patient.RedFlags, draft.StartDate, draft.EndDate,
            draft.Items.Where(i => exercises.ContainsKey(i.ExerciseId))
                .Select(i => exercises[i.ExerciseId] is var e ? new SafetyCheck.Exercise(e.Slug, e.Name, e.Cautions, i.Dosage) : null!)
                .ToList()));

    /// <summary>A short fingerprint of a set of warnings: an acknowledgement counts only for the warnings it saw.</summary>
    public static string Fingerprint(IEnumerable<SafetyWarning> warnings)
    {
        var text = string.Join("\n", warnings.Select(w => w.ToString()).Order(StringComparer.Ordinal));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }

    /// <summary>
    /// Saves the draft as the first version of a new prescription, or as the next version of the patient's active one.
    /// <paramref name="expectedRowVersion"/> is the version of the prescription the clinician started from (null for a new one).
    /// </summary>
    public async Task<SaveOutcome> SaveAsync(Guid patientId, PrescriptionDraft draft, uint? expectedRowVersion,
        string? acknowledgedFingerprint, string authorUserId, string authorName, CancellationToken ct = default)
    {
        var patient = await db.Patients.FirstOrDefaultAsync(p => p.Id == patientId, ct);
        if (patient is null) return new SaveOutcome.NotFound();

        var errors = draft.Validate(PatientToday(patient)).ToList();
        var exercises = await ExercisesAsync(draft.Items.Select(i => i.ExerciseId), ct);
        for (var i = 0; i < draft.Items.Count; i++)
        {
            if (!exercises.ContainsKey(draft.Items[i].ExerciseId))
                errors.Add(($"Items[{i}]", "That exercise is not in your clinic's library."));
        }
        if (patient.IsArchived) errors.Add(("", "This patient is archived. Restore the patient before prescribing."));
        if (errors.Count > 0) return new SaveOutcome.Invalid(errors);

        var now = clock.GetUtcNow();
        var prescription = await db.Prescriptions.Include(p => p.Versions).ThenInclude(v => v.Exercises).AsSplitQuery()
            .FirstOrDefaultAsync(p => p.PatientId == patientId && p.Status == PrescriptionStatus.Active, ct);
        if (prescription is null && expectedRowVersion is not null)
        {
            return await ConflictAsync(patientId, ct);
        }
        if (prescription is not null && prescription.RowVersion != expectedRowVersion)
        {
            return await ConflictAsync(patientId, ct);
        }
        var summary = prescription is null ? "first version" : Describe(prescription, draft, exercises);
        // A save that changes nothing makes no version and sends the patient nothing.
        if (prescription is not null && summary == ChangeSummary.NoChanges)
            return new SaveOutcome.Unchanged(prescription.Id, prescription.CurrentVersionNumber);

        var warnings = Check(patient, draft, exercises);
        if (warnings.Count > 0 && acknowledgedFingerprint != Fingerprint(warnings))
            return new SaveOutcome.NeedsAcknowledgement(warnings, Fingerprint(warnings));

        if (prescription is null)
        {
            prescription = new Prescription
            {
                Id = Guid.NewGuid(),
                ClinicId = patient.ClinicId,
                PatientId = patient.Id,
                CreatedAt = now,
            };
            db.Prescriptions.Add(prescription);
        }
        else
        {
            // Compare against the version the clinician started from: a stale copy must not win.
            db.Entry(prescription).Property(p => p.RowVersion).OriginalValue = expectedRowVersion!.Value;
        }

        var number = prescription.CurrentVersionNumber + 1;
        var version = new PrescriptionVersion
        {
            Id = Guid.NewGuid(),
            PrescriptionId = prescription.Id,
            Number = number,
            CreatedAt = now,
            AuthorUserId = authorUserId,
            AuthorName = authorName,
            Title = draft.Title.Trim(),
            TemplateSlug = draft.TemplateSlug,
            Days = draft.Days & DaysOfWeek.Every,
            SessionsPerDay = draft.SessionsPerDay,
            ReminderTime = draft.ReminderTime,
            StartDate = draft.StartDate,
            Weeks = draft.Weeks,
            NoteToPatient = string.IsNullOrWhiteSpace(draft.NoteToPatient) ? null : draft.NoteToPatient.Trim(),
            ChangeSummary = summary,
            AcknowledgedWarnings = warnings.Select(w => w.ToString()).ToList(),
            Exercises = draft.Items.Select((item, i) => PrescribedExercise.Snapshot(exercises[item.ExerciseId], i + 1, item.Dosage,
                string.IsNullOrWhiteSpace(item.Note) ? null : item.Note.Trim())).ToList(),
        };
        db.PrescriptionVersions.Add(version);
        prescription.CurrentVersionNumber = number;
        prescription.UpdatedAt = now;
        prescription.ClinicianUserId = authorUserId;
        prescription.ClinicianName = authorName;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return await ConflictAsync(patientId, ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            // Two first versions (or two version N+1) at the same moment: the unique index refuses the second.
            db.ChangeTracker.Clear();
            return await ConflictAsync(patientId, ct);
        }
        // After the commit: the emails (new-prescription now, reminders re-planned) follow every save path.
        foreach (var listener in listeners ?? [])
        {
            await listener.PrescriptionSavedAsync(prescription.Id, number, ct);
        }
        return new SaveOutcome.Saved(prescription.Id, number, warnings);
    }

    /// <summary>What the draft changes against the prescription's newest version, in the clinic's words.</summary>
    private static string Describe(Prescription prescription, PrescriptionDraft draft, IReadOnlyDictionary<Guid, Exercise> exercises)
    {
        var previous = prescription.Versions.OrderByDescending(v => v.Number).First();
        return ChangeSummary.Describe(
            previous.Exercises.OrderBy(e => e.Position).Select(e => new ChangeSummary.Item(e.ExerciseId, e.Name, e.Dosage, e.Note)).ToList(),
            new ChangeSummary.Schedule(previous.Days, previous.SessionsPerDay, previous.ReminderTime, previous.StartDate, previous.Weeks, previous.NoteToPatient, previous.Title),
            draft.Items.Select(i => new ChangeSummary.Item(i.ExerciseId, exercises[i.ExerciseId].Name, i.Dosage, i.Note)).ToList(),
            new ChangeSummary.Schedule(draft.Days & DaysOfWeek.Every, draft.SessionsPerDay, draft.ReminderTime, draft.StartDate, draft.Weeks, draft.NoteToPatient, draft.Title));
    }

    private async Task<SaveOutcome> ConflictAsync(Guid patientId, CancellationToken ct)
    {
        var current = await db.Prescriptions.AsNoTracking()
            .Where(p => p.PatientId == patientId && p.Status == PrescriptionStatus.Active)
            .Select(p => new { p.RowVersion, Latest = p.Versions.OrderByDescending(v => v.Number).First() })
            .FirstOrDefaultAsync(ct);
        return current is null
            ? new SaveOutcome.Conflict(null, "", null, "the prescription was ended")
            : new SaveOutcome.Conflict(current.RowVersion, current.Latest.AuthorName, current.Latest.CreatedAt, current.Latest.ChangeSummary);
    }
}

public abstract record SaveOutcome
{
    public sealed record Saved(Guid PrescriptionId, int VersionNumber, IReadOnlyList<SafetyWarning> AcknowledgedWarnings) : SaveOutcome;

    public sealed record Invalid(IReadOnlyList<(string Field, string Message)> Errors) : SaveOutcome;

    public sealed record NeedsAcknowledgement(IReadOnlyList<SafetyWarning> Warnings, string Fingerprint) : SaveOutcome;

    /// <summary>Someone saved in between; <see cref="CurrentRowVersion"/> lets the clinician save over it knowingly.</summary>
    public sealed record Conflict(uint? CurrentRowVersion, string By, DateTimeOffset? At, string Summary) : SaveOutcome;

    public sealed record NotFound : SaveOutcome;

    /// <summary>Nothing differs from the newest version: no version was made and nothing was sent.</summary>
    public sealed record Unchanged(Guid PrescriptionId, int VersionNumber) : SaveOutcome;
}

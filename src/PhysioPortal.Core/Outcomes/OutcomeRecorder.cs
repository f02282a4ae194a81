using Microsoft.EntityFrameworkCore;
using PhysioPortal.Core.Alerts;
using PhysioPortal.Core.Data;
using PhysioPortal.Core.Prescriptions;

namespace PhysioPortal.Core.Outcomes;

/// <summary>What the patient's questionnaire page asks: their PSFS activities (named at baseline) and whether it is a follow-up.</summary>
public sealed record OutcomeQuestions(IReadOnlyList<string> Activities, bool IsFollowUp, DateOnly? LastAnswered);

/// <summary>
/// Records outcome measures and reads them back as charts. A patient answers the PSFS (and, at follow-ups, the global
/// rating of change); a clinician enters a paper questionnaire's total. Out-of-range answers are refused with the
/// field and nothing is stored. A questionnaire that shows the patient worse raises an alert, in the same transaction.
/// </summary>
public sealed class OutcomeRecorder(PortalDbContext db, TimeProvider clock)
{
    public async Task<OutcomeQuestions> QuestionsAsync(Guid patientId, CancellationToken ct = default)
    {
        var psfs = await db.OutcomeScores.AsNoTracking().Where(s => s.PatientId == patientId && s.Measure == OutcomeMeasure.Psfs)
            .OrderBy(s => s.RecordedAt).Select(s => new { s.Activities, s.LocalDate }).ToListAsync(ct);
        return psfs.Count == 0 ? new OutcomeQuestions([], false, null) : new OutcomeQuestions(psfs[0].Activities, true, psfs[^1].LocalDate);
    }

    /// <summary>Stores a PSFS (and a global rating at a follow-up). Returns the problems instead, keyed by field.</summary>
    public async Task<IReadOnlyList<(string Field, string Message)>> RecordPsfsAsync(Guid patientId, IReadOnlyList<(string Activity, int? Rating)> items,
        int? globalChange, CancellationToken ct = default)
    {
        var patient = await db.Patients.AsNoTracking().Where(p => p.Id == patientId).Select(p => new { p.ClinicId, p.TimeZoneId }).FirstOrDefaultAsync(ct);
        if (patient is null) return [("", "Patient not found.")];
        var questions = await QuestionsAsync(patientId, ct);
        if (questions.IsFollowUp)
        {
            // The same activities are asked again: the names come from the baseline, whatever the form sent.
            items = questions.Activities.Select((a, i) => (a, i < items.Count ? items[i].Rating : null)).ToList();
        }
        var problems = OutcomeRules.ValidatePsfs(items).ToList();
        if (questions.IsFollowUp && globalChange is not (>= -7 and <= 7))
            problems.Add(("GlobalChange", "Choose how things are now compared with the start, from −7 (a very great deal worse) to +7 (a very great deal better)."));
        if (problems.Count > 0) return problems;

        var named = items.Where(i => !string.IsNullOrWhiteSpace(i.Activity)).Select(i => (Activity: i.Activity.Trim(), Rating: i.Rating!.Value)).ToList();
        var now = clock.GetUtcNow();
        var today = Reminders.EmailSchedule.LocalDate(now, Reminders.EmailSchedule.Zone(patient.TimeZoneId));
        var rx = await db.Prescriptions.AsNoTracking().Where(p => p.PatientId == patientId && p.Status == PrescriptionStatus.Active)
            .Select(p => new { p.Id, p.ClinicianUserId }).FirstOrDefaultAsync(ct);
        var psfs = Score(patient.ClinicId, patientId, rx?.Id, OutcomeMeasure.Psfs, (decimal)named.Average(n => n.Rating), today, now);
        psfs.Activities = named.Select(n => n.Activity).ToList();
        psfs.Ratings = named.Select(n => n.Rating).ToList();
        db.OutcomeScores.Add(psfs);
        if (questions.IsFollowUp) db.OutcomeScores.Add(Score(patient.ClinicId, patientId, rx?.Id, OutcomeMeasure.GlobalChange, globalChange!.Value, today, now));

        if (rx is not null && questions.IsFollowUp)
        {
            var baseline = await db.OutcomeScores.AsNoTracking().Where(s => s.PatientId == patientId && s.Measure == OutcomeMeasure.Psfs)
                .OrderBy(s => s.RecordedAt).Select(s => s.Score).FirstAsync(ct);
            var worse = OutcomeRules.Verdict(OutcomeRules.Psfs, baseline, psfs.Score) == OutcomeVerdict.Worse
                        || OutcomeRules.Verdict(OutcomeRules.GlobalChange, null, globalChange) == OutcomeVerdict.Worse;
            if (worse)
            {
                await new AlertRaiser(db, clock).AddAsync(new AlertRaiser.Target(patient.ClinicId, patientId, rx.Id, rx.ClinicianUserId),
                    [new RaisedAlert(AlertKind.OutcomeWorse, $"outcome-worse:{psfs.Id}",
                        $"The questionnaire of {today:ddd d MMM} shows things worse: PSFS {baseline:0.#} → {psfs.Score:0.#}, global rating {globalChange:+0;−0;0}.", null, [])], ct);
            }
        }
        await db.SaveChangesAsync(ct);
        return [];
    }

    /// <summary>Stores a paper questionnaire's total (no items). Returns the problems instead, keyed by field.</summary>
    public async Task<IReadOnlyList<(string Field, string Message)>> RecordPaperAsync(Guid patientId, OutcomeMeasure measure, string? name,
        decimal? rangeMin, decimal? rangeMax, bool higherIsBetter, decimal? score, string byName, CancellationToken ct = default)
    {
        var patient = await db.Patients.AsNoTracking().Where(p => p.Id == patientId).Select(p => new { p.ClinicId, p.TimeZoneId }).FirstOrDefaultAsync(ct);
        if (patient is null) return [("", "Patient not found.")];
        var problems = new List<(string, string)>();
        MeasureInfo? info = null;
        if (measure is OutcomeMeasure.Odi or OutcomeMeasure.Rmdq) info = OutcomeRules.Info(measure);
        else if (measure == OutcomeMeasure.Other)
        {
            if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 100) problems.Add(("Name", "Name the questionnaire (up to 100 characters)."));
            if (rangeMin is null || rangeMax is null || rangeMin >= rangeMax || rangeMin < -1000 || rangeMax > 1000)
                problems.Add(("RangeMax", "Give the questionnaire's lowest and highest possible totals (lowest first)."));
            else info = OutcomeRules.Other(name?.Trim() ?? "", rangeMin.Value, rangeMax.Value, higherIsBetter);
        }
        else problems.Add(("Measure", "Choose the questionnaire: Oswestry, Roland-Morris, or another one."));
        if (info is not null && OutcomeRules.ValidateScore(info, score) is { } message) problems.Add(("Score", message));
        if (problems.Count > 0) return problems;

        var now = clock.GetUtcNow();
        var today = Reminders.EmailSchedule.LocalDate(now, Reminders.EmailSchedule.Zone(patient.TimeZoneId));
        var rxId = await db.Prescriptions.AsNoTracking().Where(p => p.PatientId == patientId && p.Status == PrescriptionStatus.Active)
            .Select(p => (Guid?)p.Id).FirstOrDefaultAsync(ct);
        var row = Score(patient.ClinicId, patientId, rxId, measure, score!.Value, today, now);
        row.RecordedBy = byName;
        if (measure == OutcomeMeasure.Other) (row.Name, row.RangeMin, row.RangeMax, row.HigherIsBetter) = (name!.Trim(), rangeMin, rangeMax, higherIsBetter);
        db.OutcomeScores.Add(row);
        await db.SaveChangesAsync(ct);
        return [];
    }

    /// <summary>Every measure of a patient with a score, from baseline: pain (before sessions, from the logs) first.</summary>
    public async Task<IReadOnlyList<OutcomeSeries>> SeriesAsync(Guid patientId, CancellationToken ct = default)
    {
        var result = new List<OutcomeSeries>();
        var pain = await db.SessionLogs.AsNoTracking().Where(l => l.PatientId == patientId && l.PainBefore != null)
            .OrderBy(l => l.LocalDate).ThenBy(l => l.Session).Select(l => new { l.LocalDate, l.PainBefore }).ToListAsync(ct);
        if (pain.Count > 0) result.Add(new OutcomeSeries(OutcomeRules.Pain, pain.Select(p => (p.LocalDate, (decimal)p.PainBefore!.Value)).ToList()));
        var scores = await db.OutcomeScores.AsNoTracking().Where(s => s.PatientId == patientId).OrderBy(s => s.RecordedAt).ToListAsync(ct);
        foreach (var group in scores.GroupBy(s => (s.Measure, s.Name)).OrderBy(g => g.Key.Measure))
        {
            result.Add(new OutcomeSeries(group.First().Info, group.Select(s => (s.LocalDate, s.Score)).ToList()));
        }
        return result;
    }

    private static OutcomeScore Score(Guid clinicId, Guid patientId, Guid? prescriptionId, OutcomeMeasure measure, decimal score, DateOnly date, DateTimeOffset now) => new()
    {
        Id = Guid.NewGuid(), ClinicId = clinicId, PatientId = patientId, PrescriptionId = prescriptionId, Measure = measure,
        Score = Math.Round(score, 2), LocalDate = date, RecordedAt = now,
    };
}

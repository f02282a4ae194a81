using PhysioPortal.Core.Exercises;

namespace PhysioPortal.Core.Prescriptions;

/// <summary>Describes what changed between two versions, in the clinic's words.</summary>
public static class ChangeSummary
{
    public sealed record Item(Guid ExerciseId, string Name, Dosage Dosage, string? Note);

    public sealed record Schedule(DaysOfWeek Days, int SessionsPerDay, TimeOnly ReminderTime, DateOnly StartDate, int Weeks, string? NoteToPatient,
        string? Title = null);

    /// <summary>What <see cref="Describe"/> says when the two versions are the same (such a save makes no version).</summary>
    public const string NoChanges = "no changes";

    public static string Describe(IReadOnlyList<Item> before, Schedule beforeSchedule, IReadOnlyList<Item> after, Schedule afterSchedule)
    {
        var parts = new List<string>();
        var beforeIds = before.Select(i => i.ExerciseId).ToList();
        var afterIds = after.Select(i => i.ExerciseId).ToList();
        parts.AddRange(after.Where(i => !beforeIds.Contains(i.ExerciseId)).Select(i => $"added {i.Name}"));
        parts.AddRange(before.Where(i => !afterIds.Contains(i.ExerciseId)).Select(i => $"removed {i.Name}"));
        foreach (var a in after)
        {
            var b = before.FirstOrDefault(x => x.ExerciseId == a.ExerciseId);
            if (b is null) continue;
            if (b.Dosage.Sets != a.Dosage.Sets) parts.Add($"{a.Name} sets {b.Dosage.Sets} → {a.Dosage.Sets}");
            if (b.Dosage.RepsText != a.Dosage.RepsText) parts.Add($"{a.Name} {Or(b.Dosage.RepsText, "no reps")} → {Or(a.Dosage.RepsText, "no reps")}");
            if (b.Dosage.HoldText != a.Dosage.HoldText)
                parts.Add($"{a.Name} hold {Or(b.Dosage.HoldText.Replace("hold ", ""), "none")} → {Or(a.Dosage.HoldText.Replace("hold ", ""), "none")}");
            if (b.Dosage.Sides != a.Dosage.Sides) parts.Add($"{a.Name} {Or(b.Dosage.SidesText, "no sides")} → {Or(a.Dosage.SidesText, "no sides")}");
            if (b.Dosage.RestSeconds != a.Dosage.RestSeconds) parts.Add($"{a.Name} rest {b.Dosage.RestSeconds ?? 0} s → {a.Dosage.RestSeconds ?? 0} s");
            if (Text(b.Note) != Text(a.Note)) parts.Add($"{a.Name} note changed");
        }
        var common = afterIds.Where(beforeIds.Contains).ToList();
        if (!common.SequenceEqual(beforeIds.Where(afterIds.Contains))) parts.Add("order changed");
        if (beforeSchedule.Days != afterSchedule.Days) parts.Add($"days {beforeSchedule.Days.Text()} → {afterSchedule.Days.Text()}");
        if (beforeSchedule.SessionsPerDay != afterSchedule.SessionsPerDay) parts.Add($"sessions a day {beforeSchedule.SessionsPerDay} → {afterSchedule.SessionsPerDay}");
        if (beforeSchedule.ReminderTime != afterSchedule.ReminderTime) parts.Add($"reminder {beforeSchedule.ReminderTime:HH\\:mm} → {afterSchedule.ReminderTime:HH\\:mm}");
        if (beforeSchedule.StartDate != afterSchedule.StartDate) parts.Add($"start {beforeSchedule.StartDate:d MMM yyyy} → {afterSchedule.StartDate:d MMM yyyy}");
        if (beforeSchedule.Weeks != afterSchedule.Weeks) parts.Add($"length {beforeSchedule.Weeks} → {afterSchedule.Weeks} weeks");
        if (Text(beforeSchedule.NoteToPatient) != Text(afterSchedule.NoteToPatient)) parts.Add("note to the patient changed");
        if (beforeSchedule.Title is not null && afterSchedule.Title is not null && Text(beforeSchedule.Title) != Text(afterSchedule.Title))
            parts.Add($"title {Text(beforeSchedule.Title)} → {Text(afterSchedule.Title)}");
        return parts.Count == 0 ? NoChanges : string.Join("; ", parts);
    }

    /// <summary>Notes are stored trimmed, and empty as none: compare them the same way.</summary>
    private static string Text(string? s) => string.IsNullOrWhiteSpace(s) ? "" : s.Trim();

    private static string Or(string s, string fallback) => s.Length == 0 ? fallback : s;
}

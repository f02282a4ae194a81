using PhysioPortal.Core.Adherence;
using PhysioPortal.Core.Exercises;

namespace PhysioPortal.Core.Prescriptions;

/// <summary>What the clinician has in the builder before saving: exercises with dosages and the schedule.</summary>
public sealed record PrescriptionDraft(
    string Title,
    string? TemplateSlug,
    DaysOfWeek Days,
    int SessionsPerDay,
    TimeOnly ReminderTime,
    DateOnly StartDate,
    int Weeks,
    string? NoteToPatient,
    IReadOnlyList<DraftItem> Items)
{
    public const int MaxExercises = 30;
    public const int MaxWeeks = 52;
    public const int MaxSessionsPerDay = 4;
    public const int MaxTitle = 200;
    public const int MaxNote = 4000;
    public const int MaxItemNote = 1000;

    public DateOnly EndDate => PatientSchedule.EndDateOf(StartDate, Weeks);

    /// <summary>Problems, keyed by field ("Title", "Items[2].HoldMaxSeconds", ...), as plain sentences.</summary>
    public IEnumerable<(string Field, string Message)> Validate(DateOnly today)
    {
        if (string.IsNullOrWhiteSpace(Title)) yield return (nameof(Title), "Give the routine a title, such as \"Sciatica relief\".");
        else if (Title.Length > MaxTitle) yield return (nameof(Title), $"Keep the title under {MaxTitle} characters.");
        else if (!StorableText.IsSingleLine(Title)) yield return (nameof(Title), "The title cannot contain line breaks or control characters.");
        if ((Days & DaysOfWeek.Every) == DaysOfWeek.None) yield return (nameof(Days), "Choose at least one day of the week.");
        if (SessionsPerDay is < 1 or > MaxSessionsPerDay) yield return (nameof(SessionsPerDay), $"Sessions a day must be between 1 and {MaxSessionsPerDay}.");
        if (Weeks is < 1 or > MaxWeeks) yield return (nameof(Weeks), $"The length must be between 1 and {MaxWeeks} weeks.");
        if (StartDate < today.AddDays(-28)) yield return (nameof(StartDate), "The start date is more than four weeks in the past.");
        if (StartDate > today.AddYears(1)) yield return (nameof(StartDate), "The start date is more than a year away.");
        if (NoteToPatient?.Length > MaxNote) yield return (nameof(NoteToPatient), $"Keep the note under {MaxNote} characters.");
        foreach (var problem in ValidateItems(Items)) yield return problem;
    }

    /// <summary>The exercise list's problems (count, dosages, notes, doubles): a prescription's and a clinic routine's alike.</summary>
    public static IEnumerable<(string Field, string Message)> ValidateItems(IReadOnlyList<DraftItem> items)
    {
        if (items.Count == 0) yield return (nameof(Items), "Add at least one exercise.");
        if (items.Count > MaxExercises) yield return (nameof(Items), $"A routine can have at most {MaxExercises} exercises.");
        for (var i = 0; i < items.Count; i++)
        {
            foreach (var (field, message) in items[i].Dosage.Validate())
            {
                yield return ($"Items[{i}].{field}", message);
            }
            if (items[i].Note?.Length > MaxItemNote) yield return ($"Items[{i}].Note", $"Keep the note under {MaxItemNote} characters.");
        }
        var duplicate = items.GroupBy(i => i.ExerciseId).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) yield return (nameof(Items), "An exercise is in the list twice; remove one of them.");
    }
}

public sealed record DraftItem(Guid ExerciseId, Dosage Dosage, string? Note);

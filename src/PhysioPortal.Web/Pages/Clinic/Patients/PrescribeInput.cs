using System.Globalization;
using PhysioPortal.Core.Exercises;
using PhysioPortal.Core.Prescriptions;

namespace PhysioPortal.Web.Pages.Clinic.Patients;

/// <summary>The builder's form, as posted. Dates and times come as text and are parsed here, whatever the culture.</summary>
public sealed class PrescribeInput
{
    public string? Title { get; set; }
    public string? TemplateSlug { get; set; }
    public List<DaysOfWeek> Days { get; set; } = [];
    public int SessionsPerDay { get; set; } = 1;
    public string? ReminderTime { get; set; }
    public string? StartDate { get; set; }
    public int Weeks { get; set; } = 4;
    public string? NoteToPatient { get; set; }
    public List<PrescribeItemInput> Items { get; set; } = [];

    /// <summary>Exercises the portal swapped for safer ones when the draft was made (shown, with an undo).</summary>
    public List<SwapInput> Swaps { get; set; } = [];

    /// <summary>The version of the prescription this edit started from (empty for a new prescription).</summary>
    public uint? RowVersion { get; set; }

    /// <summary>
    /// One tick per safety warning: each holds that warning's fingerprint, so a tick counts only for the exact warning
    /// it was next to (a warning that appears later has no tick yet).
    /// </summary>
    public List<string> Acknowledged { get; set; } = [];

    public static PrescribeInput From(PrescriptionDraft draft, uint? rowVersion) => new()
    {
        Title = draft.Title,
        TemplateSlug = draft.TemplateSlug,
        Days = DayChoices.DayList(draft.Days),
        SessionsPerDay = draft.SessionsPerDay,
        ReminderTime = draft.ReminderTime.ToString("HH:mm", CultureInfo.InvariantCulture),
        StartDate = draft.StartDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Weeks = draft.Weeks,
        NoteToPatient = draft.NoteToPatient,
        Items = draft.Items.Select(PrescribeItemInput.From).ToList(),
        RowVersion = rowVersion,
    };

    /// <summary>The draft, or the fields that could not be read.</summary>
    public (PrescriptionDraft? Draft, List<(string Field, string Message)> Errors) ToDraft()
    {
        var errors = new List<(string, string)>();
        if (!TimeOnly.TryParseExact(ReminderTime ?? "", ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var reminder))
            errors.Add((nameof(ReminderTime), "Enter the reminder time as hours and minutes, such as 08:30."));
        if (!DateOnly.TryParseExact(StartDate ?? "", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start))
            errors.Add((nameof(StartDate), "Enter the start date as a date, such as 2026-12-01."));
        if (errors.Count > 0) return (null, errors);
        return (new PrescriptionDraft(Title?.Trim() ?? "", string.IsNullOrWhiteSpace(TemplateSlug) ? null : TemplateSlug, DayChoices.DaysOf(Days), SessionsPerDay,
            reminder, start, Weeks, NoteToPatient, Items.Select(i => i.ToItem()).ToList()), errors);
    }
}

/// <summary>Days of the week as the form's checkboxes post them, and back.</summary>
public static class DayChoices
{
    public static List<DaysOfWeek> DayList(DaysOfWeek days) =>
        Enum.GetValues<DaysOfWeek>().Where(d => d is not DaysOfWeek.None and not DaysOfWeek.Every && days.HasFlag(d)).ToList();

    /// <summary>The ticked days; values that are not a day are ignored.</summary>
    public static DaysOfWeek DaysOf(IEnumerable<DaysOfWeek> ticked) =>
        ticked.Where(d => Enum.IsDefined(d)).Aggregate(DaysOfWeek.None, (all, d) => all | d) & DaysOfWeek.Every;
}

/// <summary>One swap made for the clinician: the exercise taken out and the one put in.</summary>
public sealed class SwapInput
{
    public Guid FromId { get; set; }
    public Guid ToId { get; set; }
}

public sealed class PrescribeItemInput
{
    public Guid ExerciseId { get; set; }
    public int Sets { get; set; } = 1;
    public int? RepsMin { get; set; }
    public int? RepsMax { get; set; }
    public int? HoldMinSeconds { get; set; }
    public int? HoldMaxSeconds { get; set; }
    public SideMode Sides { get; set; }
    public int? RestSeconds { get; set; }
    public string? Note { get; set; }

    public static PrescribeItemInput From(DraftItem item) => new()
    {
        ExerciseId = item.ExerciseId,
        Sets = item.Dosage.Sets,
        RepsMin = item.Dosage.RepsMin,
        RepsMax = item.Dosage.RepsMax,
        HoldMinSeconds = item.Dosage.HoldMinSeconds,
        HoldMaxSeconds = item.Dosage.HoldMaxSeconds,
        Sides = item.Dosage.Sides,
        RestSeconds = item.Dosage.RestSeconds,
        Note = item.Note,
    };

    public DraftItem ToItem() => new(ExerciseId, new Dosage
    {
        Sets = Sets,
        RepsMin = RepsMin,
        RepsMax = RepsMax,
        HoldMinSeconds = HoldMinSeconds,
        HoldMaxSeconds = HoldMaxSeconds,
        Sides = Enum.IsDefined(Sides) ? Sides : SideMode.None,
        RestSeconds = RestSeconds,
    }, Note);
}

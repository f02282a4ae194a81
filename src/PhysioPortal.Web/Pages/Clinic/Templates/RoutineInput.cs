using Microsoft.AspNetCore.Mvc.ModelBinding;
using PhysioPortal.Core.Exercises;
using PhysioPortal.Core.Prescriptions;
using PhysioPortal.Web.Pages.Clinic.Patients;

namespace PhysioPortal.Web.Pages.Clinic.Templates;

/// <summary>
/// A clinic routine's form, as posted (the routine editor): name, condition, note, default schedule and the exercises
/// with their dosages. The condition comes as text and is read here, so a made-up value gets a message beside it.
/// </summary>
public sealed class RoutineInput
{
    public string? Name { get; set; }
    public string? Condition { get; set; }
    public string? Note { get; set; }
    public List<DaysOfWeek> Days { get; set; } = [];
    public int SessionsPerDay { get; set; } = 1;
    public int Weeks { get; set; } = 4;
    public List<PrescribeItemInput> Items { get; set; } = [];

    public static RoutineInput From(RoutineDraft d) => new()
    {
        Name = d.Name,
        Condition = d.Condition.ToString(),
        Note = d.Note,
        Days = DayChoices.DayList(d.Days),
        SessionsPerDay = d.SessionsPerDay,
        Weeks = d.Weeks,
        Items = d.Items.Select(PrescribeItemInput.From).ToList(),
    };

    public static RoutineInput Empty() => From(new RoutineDraft("", ExerciseGroup.LowerBack, null,
        DaysOfWeek.Monday | DaysOfWeek.Wednesday | DaysOfWeek.Friday, 1, 4, []));

    /// <summary>The draft as posted, whatever its problems (the condition defaults when unreadable, with a message).</summary>
    public RoutineDraft ToDraft(ModelStateDictionary state) =>
        new(Name?.Trim() ?? "", ReadCondition(Condition, state, "Input.Condition"), Note, DayChoices.DaysOf(Days), SessionsPerDay, Weeks,
            Items.Select(i => i.ToItem()).ToList());

    /// <summary>A condition group by its name; a made-up one adds a message under <paramref name="key"/>.</summary>
    public static ExerciseGroup ReadCondition(string? value, ModelStateDictionary state, string key)
    {
        if (Enum.TryParse<ExerciseGroup>(value, ignoreCase: false, out var group) && Enum.IsDefined(group) && !int.TryParse(value, out _)) return group;
        state.AddModelError(key, "Choose a condition from the list.");
        return default;
    }
}

/// <summary>"Save this list as a clinic routine" under the builder: the routine's own fields (the list and schedule are the builder's).</summary>
public sealed class RoutineFromBuilderInput
{
    public string? Name { get; set; }
    public string? Condition { get; set; }
    public string? Note { get; set; }

    public ExerciseGroup ConditionOrError(ModelStateDictionary state) => RoutineInput.ReadCondition(Condition, state, "NewRoutine.Condition");

    /// <summary>Whether a builder field's problem stops the routine being saved (its list and schedule do; the dates do not).</summary>
    public static bool GoesIntoRoutine(string key) =>
        key.StartsWith("NewRoutine.", StringComparison.Ordinal) || key.StartsWith("Input.Items", StringComparison.Ordinal)
        || key is "Input.Days" or "Input.SessionsPerDay" or "Input.Weeks";
}

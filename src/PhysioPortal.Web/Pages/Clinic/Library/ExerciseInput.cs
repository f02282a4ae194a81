using Microsoft.AspNetCore.Mvc.ModelBinding;
using PhysioPortal.Core.Exercises;

namespace PhysioPortal.Web.Pages.Clinic.Library;

/// <summary>
/// The form of an own exercise, as posted. Choices come as text and are read here, so a made-up value gets a message
/// beside its field instead of a binding error.
/// </summary>
public sealed class ExerciseInput
{
    public string? Name { get; set; }
    public string? Group { get; set; }
    public string? Position { get; set; }
    public string? Equipment { get; set; }
    public string? Steps { get; set; }
    public string? Targets { get; set; }
    public string? VariantNote { get; set; }
    public List<string> Regions { get; set; } = [];
    public List<string> Cautions { get; set; } = [];
    public string? Sets { get; set; } = "1";
    public string? RepsMin { get; set; }
    public string? RepsMax { get; set; }
    public string? HoldMinSeconds { get; set; }
    public string? HoldMaxSeconds { get; set; }
    public string? Sides { get; set; }
    public string? RestSeconds { get; set; }

    public static ExerciseInput From(ExerciseDraft d) => new()
    {
        Name = d.Name,
        Group = d.Group.ToString(),
        Position = d.Position.ToString(),
        Equipment = d.Equipment.ToString(),
        Steps = string.Join("\n", d.Steps),
        Targets = d.Targets,
        VariantNote = d.VariantNote,
        Regions = d.Regions.Each().Select(r => r.ToString()).ToList(),
        Cautions = Enum.GetValues<CautionTags>().Where(c => c != CautionTags.None && d.Cautions.HasFlag(c)).Select(c => c.ToString()).ToList(),
        Sets = d.Dosage.Sets.ToString(System.Globalization.CultureInfo.InvariantCulture),
        RepsMin = Text(d.Dosage.RepsMin),
        RepsMax = Text(d.Dosage.RepsMax),
        HoldMinSeconds = Text(d.Dosage.HoldMinSeconds),
        HoldMaxSeconds = Text(d.Dosage.HoldMaxSeconds),
        Sides = d.Dosage.Sides.ToString(),
        RestSeconds = Text(d.Dosage.RestSeconds),
    };

    public static ExerciseInput Empty() => new()
    {
        Group = nameof(ExerciseGroup.LowerBack), Position = nameof(StartingPosition.Standing), Equipment = nameof(Core.Exercises.Equipment.None),
        Sides = nameof(SideMode.None), Sets = "1", RepsMin = "10",
    };

    /// <summary>The draft, with every problem (unreadable or unreasonable) added to the model state under "Input.*".</summary>
    public ExerciseDraft? ToDraft(ModelStateDictionary state)
    {
        var group = Choice<ExerciseGroup>(state, nameof(Group), Group, "Choose a condition group from the list.");
        var position = Choice<StartingPosition>(state, nameof(Position), Position, "Choose a starting position from the list.");
        var equipment = Choice<Equipment>(state, nameof(Equipment), Equipment, "Choose the equipment from the list.");
        var sides = string.IsNullOrEmpty(Sides) ? SideMode.None : Choice<SideMode>(state, nameof(Sides), Sides, "Choose how the sides are worked from the list.");
        var regions = Flags<BodyRegions>(state, nameof(Regions), Regions, "Choose body regions from the list.");
        var cautions = Flags<CautionTags>(state, nameof(Cautions), Cautions, "Choose cautions from the list.");
        var dosage = new Dosage
        {
            Sets = Number(state, nameof(Sets), Sets) ?? 1,
            RepsMin = Number(state, nameof(RepsMin), RepsMin),
            RepsMax = Number(state, nameof(RepsMax), RepsMax),
            HoldMinSeconds = Number(state, nameof(HoldMinSeconds), HoldMinSeconds),
            HoldMaxSeconds = Number(state, nameof(HoldMaxSeconds), HoldMaxSeconds),
            Sides = sides,
            RestSeconds = Number(state, nameof(RestSeconds), RestSeconds),
        };
        var steps = (Steps ?? "").Split('\n').Select(s => s.Trim().TrimStart('-', '•', '*').Trim()).Where(s => s.Length > 0).ToList();
        var draft = new ExerciseDraft(Name?.Trim() ?? "", group, position, equipment, steps, Targets?.Trim() ?? "", dosage, cautions, regions,
            VariantNote?.Trim());
        foreach (var (field, message) in draft.Validate())
        {
            if (!HasError(state, field)) state.AddModelError($"Input.{field}", message);
        }
        return state.IsValid ? draft : null;
    }

    private static T Choice<T>(ModelStateDictionary state, string field, string? value, string message) where T : struct, Enum
    {
        if (Enum.TryParse<T>(value, ignoreCase: false, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(value, out _)) return parsed;
        state.AddModelError($"Input.{field}", message);
        return default;
    }

    private static T Flags<T>(ModelStateDictionary state, string field, List<string> values, string message) where T : struct, Enum
    {
        var all = 0;
        foreach (var value in values.Where(v => !string.IsNullOrEmpty(v)))
        {
            if (Enum.TryParse<T>(value, ignoreCase: false, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(value, out _))
            {
                all |= Convert.ToInt32(parsed, System.Globalization.CultureInfo.InvariantCulture);
            }
            else if (!HasError(state, field))
            {
                state.AddModelError($"Input.{field}", message);
            }
        }
        return (T)Enum.ToObject(typeof(T), all);
    }

    private static bool HasError(ModelStateDictionary state, string field) =>
        state.TryGetValue($"Input.{field}", out var entry) && entry.Errors.Count > 0;

    private static int? Number(ModelStateDictionary state, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (int.TryParse(value.Trim(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n)) return n;
        state.AddModelError($"Input.{field}", "Enter a whole number.");
        return null;
    }

    private static string? Text(int? n) => n?.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

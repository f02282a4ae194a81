namespace PhysioPortal.Core.Outcomes;

/// <summary>The outcome measures the portal charts.</summary>
public enum OutcomeMeasure
{
    /// <summary>Pain before a session, 0–10 (NPRS), from the session logs.</summary>
    Pain,

    /// <summary>Patient-Specific Functional Scale: 3–5 activities the patient names, each rated 0 (can't) – 10 (as before).</summary>
    Psfs,

    /// <summary>Global rating of change, −7 (a very great deal worse) … +7 (a very great deal better), at follow-ups.</summary>
    GlobalChange,

    /// <summary>Oswestry Disability Index total, 0–100 % (paper questionnaire, total only).</summary>
    Odi,

    /// <summary>Roland-Morris Disability Questionnaire total, 0–24 (paper, total only).</summary>
    Rmdq,

    /// <summary>Another paper questionnaire the clinic names, with its own range.</summary>
    Other,
}

public enum OutcomeVerdict
{
    Improved,
    NoMeaningfulChange,
    Worse,
}

/// <summary>What a measure is: its range, which way is better, and its minimal important change (MIC).</summary>
public sealed record MeasureInfo(OutcomeMeasure Measure, string Name, decimal Min, decimal Max, bool HigherIsBetter, decimal? Mic, decimal? MicFraction = null)
{
    public string MicText => Measure switch
    {
        OutcomeMeasure.Pain => "2 points or 30 %",
        _ when Mic is { } m => $"{m:0.#} points",
        _ => "none set",
    };
}

/// <summary>
/// The ranges and minimal important changes of the measures, and the verdict from baseline to latest, in one place a
/// clinician can read: PSFS average 2 points, ODI 10, Roland-Morris 5, pain 2 points or 30 %, global rating ±2.
/// </summary>
public static class OutcomeRules
{
    public const int PsfsMinActivities = 1;
    public const int PsfsMaxActivities = 5;
    public const int PsfsSuggestedActivities = 3;
    public const int MaxActivityLength = 100;

    /// <summary>Every 2 weeks after the baseline the patient is asked again.</summary>
    public const int FollowUpEveryDays = 14;

    public static readonly MeasureInfo Pain = new(OutcomeMeasure.Pain, "Pain (0–10)", 0, 10, false, 2, 0.30m);
    public static readonly MeasureInfo Psfs = new(OutcomeMeasure.Psfs, "Patient-Specific Functional Scale (average, 0–10)", 0, 10, true, 2);
    public static readonly MeasureInfo GlobalChange = new(OutcomeMeasure.GlobalChange, "Global rating of change (−7 to +7)", -7, 7, true, 2);
    public static readonly MeasureInfo Odi = new(OutcomeMeasure.Odi, "Oswestry Disability Index (0–100)", 0, 100, false, 10);
    public static readonly MeasureInfo Rmdq = new(OutcomeMeasure.Rmdq, "Roland-Morris (0–24)", 0, 24, false, 5);

    public static MeasureInfo Info(OutcomeMeasure measure) => measure switch
    {
        OutcomeMeasure.Pain => Pain,
        OutcomeMeasure.Psfs => Psfs,
        OutcomeMeasure.GlobalChange => GlobalChange,
        OutcomeMeasure.Odi => Odi,
        OutcomeMeasure.Rmdq => Rmdq,
        _ => throw new ArgumentOutOfRangeException(nameof(measure), measure, "A clinic's own measure carries its own range."),
    };

    /// <summary>A clinic's own paper measure: its name and range; no minimal important change is assumed.</summary>
    public static MeasureInfo Other(string name, decimal min, decimal max, bool higherIsBetter) =>
        new(OutcomeMeasure.Other, name, min, max, higherIsBetter, null);

    /// <summary>
    /// Baseline to latest: improved or worse when the change in the better direction reaches the minimal important
    /// change (pain: 2 points or 30 % of the baseline), else no meaningful change. The global rating has no baseline:
    /// its latest value is the change (+2 or more improved, −2 or less worse). Null with no MIC or too few scores.
    /// </summary>
    public static OutcomeVerdict? Verdict(MeasureInfo m, decimal? baseline, decimal? latest)
    {
        if (latest is not { } last || m.Mic is not { } mic) return null;
        if (m.Measure == OutcomeMeasure.GlobalChange)
            return last >= mic ? OutcomeVerdict.Improved : last <= -mic ? OutcomeVerdict.Worse : OutcomeVerdict.NoMeaningfulChange;
        if (baseline is not { } first) return null;
        var better = m.HigherIsBetter ? last - first : first - last;
        var threshold = mic;
        if (m.MicFraction is { } f && first > 0) threshold = Math.Min(mic, Math.Max(1, first * f));
        return better >= threshold ? OutcomeVerdict.Improved : -better >= threshold ? OutcomeVerdict.Worse : OutcomeVerdict.NoMeaningfulChange;
    }

    public static string Text(OutcomeVerdict? verdict) => verdict switch
    {
        OutcomeVerdict.Improved => "improved",
        OutcomeVerdict.Worse => "worse",
        OutcomeVerdict.NoMeaningfulChange => "no meaningful change",
        _ => "not enough scores yet",
    };

    /// <summary>Problems with a PSFS: 1–5 named activities (3 suggested), each rated 0–10.</summary>
    public static IEnumerable<(string Field, string Message)> ValidatePsfs(IReadOnlyList<(string Activity, int? Rating)> items)
    {
        var named = items.Where(i => !string.IsNullOrWhiteSpace(i.Activity)).ToList();
        if (named.Count < PsfsMinActivities) yield return ("Activities", "Name at least one activity you find hard because of your problem.");
        if (named.Count > PsfsMaxActivities) yield return ("Activities", $"Name at most {PsfsMaxActivities} activities.");
        for (var i = 0; i < items.Count; i++)
        {
            var (activity, rating) = items[i];
            if (string.IsNullOrWhiteSpace(activity)) continue;
            if (activity.Trim().Length > MaxActivityLength) yield return ($"Items[{i}].Activity", $"Keep each activity under {MaxActivityLength} characters.");
            if (rating is not (>= 0 and <= 10)) yield return ($"Items[{i}].Rating", "Rate each activity from 0 (unable to do it) to 10 (as before the problem).");
        }
    }

    /// <summary>A score within the measure's range, or the message to show next to the field.</summary>
    public static string? ValidateScore(MeasureInfo m, decimal? score) =>
        score is not { } s ? "Enter the total score."
        : s < m.Min || s > m.Max ? $"The {m.Name} total must be between {m.Min:0.##} and {m.Max:0.##}."
        : null;
}

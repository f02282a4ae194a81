namespace PhysioPortal.Core.Outcomes;

/// <summary>
/// One score of one outcome measure for a patient: a PSFS (its activities and ratings, the score their average), a
/// global rating of change, or the total of a paper questionnaire a clinician entered (the items never stored).
/// </summary>
public class OutcomeScore
{
    public Guid Id { get; set; }
    public Guid ClinicId { get; set; }
    public Guid PatientId { get; set; }
    public Guid? PrescriptionId { get; set; }

    public OutcomeMeasure Measure { get; set; }

    /// <summary>For <see cref="OutcomeMeasure.Other"/>: the questionnaire's name and range, as the clinic named them.</summary>
    public string? Name { get; set; }
    public decimal? RangeMin { get; set; }
    public decimal? RangeMax { get; set; }
    public bool HigherIsBetter { get; set; }

    /// <summary>The total (PSFS: the average of the ratings).</summary>
    public decimal Score { get; set; }

    /// <summary>PSFS only: the activities the patient named, and their ratings (0–10) in the same order.</summary>
    public List<string> Activities { get; set; } = [];
    public List<int> Ratings { get; set; } = [];

    /// <summary>The patient's local date it is for.</summary>
    public DateOnly LocalDate { get; set; }
    public DateTimeOffset RecordedAt { get; set; }

    /// <summary>"patient" (answered on the site) or the clinician's name (a paper total they entered).</summary>
    public string RecordedBy { get; set; } = "patient";

    public MeasureInfo Info => Measure == OutcomeMeasure.Other
        ? OutcomeRules.Other(Name ?? "Questionnaire", RangeMin ?? 0, RangeMax ?? 100, HigherIsBetter)
        : OutcomeRules.Info(Measure);
}

using PhysioPortal.Core.Exercises;
using PhysioPortal.Core.Patients;
using PhysioPortal.Core.Safety;

namespace PhysioPortal.Tests.Safety;

/// <summary>One test (or theory) per rule, with the boundary dates.</summary>
public class SafetyRulesTests
{
    private static readonly DateOnly Due = new(2027, 6, 1);
    // Day 98 of the pregnancy (14+0 weeks) is the first day of the second trimester.
    private static readonly DateOnly SecondTrimester = Due.AddDays(98 - 280);

    private static SafetyCheck.Exercise Prone => new("superman", "Superman", CautionTags.LyingFaceDown | CautionTags.SpinalExtension, new Dosage { RepsMin = 10, HoldMinSeconds = 3, HoldMaxSeconds = 5 });
    private static SafetyCheck.Exercise SupineHold => new("bridge-pose", "Bridge Pose", CautionTags.LyingOnBack, new Dosage { RepsMin = 10, HoldMinSeconds = 15, HoldMaxSeconds = 30 });
    private static SafetyCheck.Exercise SupineNoHold => new("pelvic-tilts", "Pelvic Tilts", CautionTags.LyingOnBack, new Dosage { RepsMin = 10 });
    private static SafetyCheck.Exercise Standing => new("forward-fold", "Forward Fold", CautionTags.None, new Dosage { HoldMinSeconds = 30, HoldMaxSeconds = 60 });

    private static SafetyCheck Check(ConditionSet conditions, DateOnly start, int weeks = 4, RedFlags flags = RedFlags.None, DateOnly? due = null, params SafetyCheck.Exercise[] exercises) =>
        new(conditions, due, flags, start, start.AddDays(weeks * 7 - 1), exercises);

    [Theory]
    [InlineData(-1, 1)]
    [InlineData(0, 2)]
    [InlineData(97, 2)]
    [InlineData(98, 3)]
    public void Trimester_changes_on_weeks_14_and_28(int daysAfterSecondTrimester, int expected)
    {
        Assert.Equal(expected, SafetyRules.Trimester(Due, SecondTrimester.AddDays(daysAfterSecondTrimester)));
    }

    [Fact]
    public void Trimester_is_unknown_before_the_pregnancy()
    {
        Assert.Null(SafetyRules.Trimester(Due, Due.AddDays(-281)));
        Assert.Equal(1, SafetyRules.Trimester(Due, Due.AddDays(-280)));
    }

    [Fact]
    public void Face_down_in_pregnancy_warns_in_any_trimester()
    {
        var firstTrimester = Check(ConditionSet.Pregnancy, Due.AddDays(-250), 1, due: Due, exercises: [Prone, Standing]);
        var warning = Assert.Single(SafetyRules.Evaluate(firstTrimester));
        Assert.Equal("pregnancy-face-down", warning.Code);
        Assert.Equal("superman", warning.ExerciseSlug);
        Assert.Contains("face down", warning.Reason);
    }

    [Fact]
    public void Face_down_without_pregnancy_is_fine()
    {
        Assert.Empty(SafetyRules.Evaluate(Check(ConditionSet.LowerBack, Due, exercises: [Prone])));
    }

    [Fact]
    public void A_supine_hold_is_fine_when_the_whole_routine_is_in_the_first_trimester()
    {
        // Four weeks ending the day before the second trimester.
        var start = SecondTrimester.AddDays(-28);
        Assert.Empty(SafetyRules.Evaluate(Check(ConditionSet.Pregnancy, start, 4, due: Due, exercises: [SupineHold])));
    }

    [Fact]
    public void A_supine_hold_warns_when_the_routine_reaches_the_second_trimester()
    {
        // Same length, one day later: its last day is the first day of the second trimester.
        var start = SecondTrimester.AddDays(-27);
        var warning = Assert.Single(SafetyRules.Evaluate(Check(ConditionSet.Pregnancy, start, 4, due: Due, exercises: [SupineHold])));
        Assert.Equal("pregnancy-supine-hold", warning.Code);
        Assert.Contains("during this routine", warning.Reason);
    }

    [Fact]
    public void A_supine_hold_warns_when_the_routine_starts_after_the_first_trimester()
    {
        var warning = Assert.Single(SafetyRules.Evaluate(Check(ConditionSet.Pregnancy, SecondTrimester, 4, due: Due, exercises: [SupineHold, Standing])));
        Assert.Equal("pregnancy-supine-hold", warning.Code);
        Assert.Contains("trimester 2", warning.Reason);
    }

    [Fact]
    public void Lying_on_the_back_without_a_hold_does_not_warn()
    {
        Assert.Empty(SafetyRules.Evaluate(Check(ConditionSet.Pregnancy, SecondTrimester.AddDays(30), due: Due, exercises: [SupineNoHold])));
    }

    [Fact]
    public void Pregnancy_without_a_due_date_asks_for_it()
    {
        var warning = Assert.Single(SafetyRules.Evaluate(Check(ConditionSet.Pregnancy, Due, exercises: [Standing])));
        Assert.Equal("pregnancy-no-due-date", warning.Code);
    }

    [Fact]
    public void Every_red_flag_answered_yes_warns_with_its_question()
    {
        var flags = RedFlags.HistoryOfCancer | RedFlags.SaddleNumbness;
        var warnings = SafetyRules.Evaluate(Check(ConditionSet.LowerBack, Due, flags: flags, exercises: [Standing]));
        Assert.Equal(2, warnings.Count);
        Assert.Contains(warnings, w => w.Message.Contains("history of cancer", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(warnings, w => w.Message.Contains("saddle", StringComparison.OrdinalIgnoreCase));
        Assert.All(warnings, w => Assert.StartsWith("red-flag-", w.Code));
    }

    [Fact]
    public void No_red_flags_no_warnings()
    {
        Assert.Empty(SafetyRules.Evaluate(Check(ConditionSet.LowerBack, Due, exercises: [Standing, SupineHold, Prone])));
    }

    [Fact]
    public void Pregnancy_contraindications_warn_only_in_pregnancy()
    {
        var flags = RedFlags.PregnancyPlacentaPrevia;
        var pregnant = SafetyRules.Evaluate(Check(ConditionSet.Pregnancy, SecondTrimester, due: Due, flags: flags, exercises: [Standing]));
        Assert.Contains(pregnant, w => w.Code.StartsWith("pregnancy-contraindication", StringComparison.Ordinal) && w.Message.Contains("Placenta previa"));
        Assert.Empty(SafetyRules.Evaluate(Check(ConditionSet.LowerBack, SecondTrimester, flags: flags, exercises: [Standing])));
    }
}

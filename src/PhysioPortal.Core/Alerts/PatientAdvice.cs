using PhysioPortal.Core.Safety;

namespace PhysioPortal.Core.Alerts;

/// <summary>
/// What the patient is told when their note names a warning sign: contact the clinic, or urgent care when it is
/// sudden or severe — in the words of the handout's stop box (<see cref="StopSigns"/>), so paper and screen
/// say the same.
/// </summary>
public sealed record PatientAdvice(IReadOnlyList<string> SignsNamed, bool Pregnant)
{
    public const string Heading = "Please contact your clinic about what you wrote";

    public string Lead => $"Your note mentions {string.Join(", ", SignsNamed)}. Your handout says: {StopSigns.Title}";

    public IReadOnlyList<string> Signs => StopSigns.For(Pregnant);

    public string Contact => "Stop the exercises for now and contact your clinic today. Your clinician has been told about your note.";

    public static string Urgent => StopSigns.Urgent;

    /// <summary>The advice for a note, or null when it names no warning sign.</summary>
    public static PatientAdvice? For(string? note, bool pregnant)
    {
        var found = WarningSigns.Find(note);
        return found.Count == 0 ? null : new PatientAdvice(WarningSigns.SignsIn(found), pregnant);
    }
}

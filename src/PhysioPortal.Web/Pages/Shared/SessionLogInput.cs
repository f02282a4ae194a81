using PhysioPortal.Core.Adherence;
using PhysioPortal.Core.Prescriptions;

namespace PhysioPortal.Web.Pages.Shared;

/// <summary>The session-log form, shared by /me/log and the one-tap page from the reminder email.</summary>
public sealed class SessionLogInput
{
    public List<Guid> Done { get; set; } = [];
    public int? PainBefore { get; set; }
    public int? PainAfter { get; set; }
    public Difficulty? Difficulty { get; set; }
    public string? Note { get; set; }

    public SessionReport ToReport() => new(Done, PainBefore, PainAfter, Difficulty, Note);

    public static SessionLogInput AllDone(PrescriptionVersion version) => new() { Done = version.Exercises.Select(e => e.ExerciseId).ToList() };

    public static SessionLogInput From(SessionLog log) => new()
    {
        Done = log.ExercisesDone,
        PainBefore = log.PainBefore,
        PainAfter = log.PainAfter,
        Difficulty = log.Difficulty,
        Note = log.Note,
    };
}

/// <summary>What the shared form partial needs to draw itself.</summary>
public sealed record SessionFormView(PrescriptionVersion Version, SessionLogInput Input, Func<string, string> ErrorFor, bool ShowExercises = true);

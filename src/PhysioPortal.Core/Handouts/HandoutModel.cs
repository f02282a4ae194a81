using PhysioPortal.Core.Clinics;

namespace PhysioPortal.Core.Handouts;

/// <summary>
/// Everything a printed handout shows, as plain values (a snapshot of one prescription version). Built by the
/// caller; the handout never reads the database.
/// </summary>
public sealed record HandoutModel
{
    public required string ClinicName { get; init; }

    public HandoutClinicContact ClinicContact { get; init; } = new();

    public PaperSize PaperSize { get; init; } = PaperSize.A4;

    public required string PatientName { get; init; }

    public required string ClinicianName { get; init; }

    public DateOnly Date { get; init; }

    public required string RoutineTitle { get; init; }

    public string? NoteToPatient { get; init; }

    public IReadOnlyList<HandoutExercise> Exercises { get; init; } = [];

    /// <summary>Labels of the scheduled days, in week order, e.g. ["Mon", "Wed", "Fri"]. Empty: every day.</summary>
    public IReadOnlyList<string> ScheduleDays { get; init; } = [];

    public int SessionsPerDay { get; init; } = 1;

    /// <summary>The first and last day of the routine; null: not known (the tick sheet then covers one week).</summary>
    public DateOnly? StartDate { get; init; }
    public DateOnly? EndDate { get; init; }

    /// <summary>Adds the pregnancy warning signs to the "stop and contact your clinician" box.</summary>
    public bool IsPregnant { get; init; }

    /// <summary>
    /// The short absolute http(s) URL of the patient's log page; printed and put in the QR code. A URL only:
    /// never put personal data in it. Null: no QR code.
    /// </summary>
    public string? LogUrl { get; init; }
}

/// <summary>How to reach the clinic, as printed under its name.</summary>
public sealed record HandoutClinicContact
{
    public string? Phone { get; init; }

    public string? Email { get; init; }

    public IReadOnlyList<string> AddressLines { get; init; } = [];
}

/// <summary>One exercise as printed: texts already worded for the patient (e.g. the dosage line from <c>Dosage</c>).</summary>
public sealed record HandoutExercise
{
    public int Number { get; init; }

    public required string Name { get; init; }

    /// <summary>The exercise's slug: a built-in exercise is drawn beside its steps (<see cref="HandoutFigures"/>).</summary>
    public string? Slug { get; init; }

    public string? StartingPosition { get; init; }

    public string? Equipment { get; init; }

    /// <summary>E.g. "2 sets · 10 reps · hold 15–30 s · each side".</summary>
    public string? DosageLine { get; init; }

    public IReadOnlyList<string> Steps { get; init; } = [];

    public IReadOnlyList<string> Cautions { get; init; } = [];

    public string? ClinicianNote { get; init; }

    /// <summary>The clinic's photos of the exercise at print size (JPEG); the same photo is the same array, embedded once.</summary>
    public IReadOnlyList<HandoutPhoto> Photos { get; init; } = [];
}

/// <summary>A photo as printed: JPEG bytes and their pixel size (for the aspect ratio).</summary>
public sealed record HandoutPhoto(byte[] Jpeg, int Width, int Height);

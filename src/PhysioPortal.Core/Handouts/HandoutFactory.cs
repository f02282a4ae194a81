using Microsoft.EntityFrameworkCore;
using NodaTime;
using PhysioPortal.Core.Clinics;
using PhysioPortal.Core.Data;
using PhysioPortal.Core.Exercises;
using PhysioPortal.Core.Patients;
using PhysioPortal.Core.Prescriptions;

namespace PhysioPortal.Core.Handouts;

/// <summary>What a handout is made from: the prescription version as saved, and the facts about clinic and patient.</summary>
public sealed record HandoutSource
{
    public required Guid ClinicId { get; init; }
    public required string ClinicName { get; init; }
    public string? ClinicPhone { get; init; }
    public string? ClinicEmail { get; init; }

    /// <summary>The clinic's address; one printed line per text line.</summary>
    public string? ClinicAddress { get; init; }

    public PaperSize PaperSize { get; init; } = PaperSize.A4;

    /// <summary>IANA time zone of the clinic: the version's date is the date it was saved there.</summary>
    public string ClinicTimeZoneId { get; init; } = "Europe/London";

    public required Guid PatientId { get; init; }
    public required string PatientFirstName { get; init; }
    public required string PatientLastName { get; init; }
    public ConditionSet PatientConditions { get; init; }

    public required Guid PrescriptionId { get; init; }

    /// <summary>The version, with its exercises (snapshots).</summary>
    public required PrescriptionVersion Version { get; init; }
}

/// <summary>A handout ready to render, with what the download needs: its file name and the facts for the audit log.</summary>
public sealed record PreparedHandout(HandoutModel Model, HandoutSource Source)
{
    public string FileName => HandoutFileName.Ascii(Source.PatientLastName, Model.Date);

    public string UnicodeFileName => HandoutFileName.Unicode(Source.PatientLastName, Model.Date);

    /// <summary>The audit log's detail, e.g. "prescription 6f1c… v2".</summary>
    public string AuditDetail => $"prescription {Source.PrescriptionId} v{Source.Version.Number}";
}

/// <summary>
/// Builds the <see cref="HandoutModel"/> of a prescription version. Reads through the clinic-scoped context, so a
/// prescription of another clinic is simply not found (null). The mapping itself (<see cref="Map"/>) needs no
/// database.
/// </summary>
public sealed class HandoutFactory(PortalDbContext db, Media.IObjectStore? photos = null)
{
    /// <summary>The path of the patient's log page; the QR code holds the portal's address plus this, nothing personal.</summary>
    public const string LogPath = "/me/log";

    /// <summary>
    /// The handout of a prescription: version <paramref name="versionNumber"/>, or the current one when null.
    /// Null when the prescription or the version is not visible to the current clinic.
    /// </summary>
    public async Task<PreparedHandout?> ForPrescriptionAsync(Guid prescriptionId, int? versionNumber, string? publicUrl,
        CancellationToken ct = default)
    {
        var facts = await Facts(db.Prescriptions.Where(p => p.Id == prescriptionId), ct);
        return facts is null ? null : await PrepareAsync(facts, versionNumber ?? facts.CurrentVersionNumber, publicUrl, ct);
    }

    /// <summary>The handout of the patient's active prescription (current version), or null when there is none.</summary>
    public async Task<PreparedHandout?> ForPatientAsync(Guid patientId, string? publicUrl, CancellationToken ct = default)
    {
        var facts = await Facts(
            db.Prescriptions.Where(p => p.PatientId == patientId && p.Status == PrescriptionStatus.Active && p.Patient!.ArchivedAt == null), ct);
        return facts is null ? null : await PrepareAsync(facts, facts.CurrentVersionNumber, publicUrl, ct);
    }

    /// <summary>The printed handout's content for one version. Pure: no database, no clock.</summary>
    public static HandoutModel Map(HandoutSource source, string? publicUrl)
    {
        ArgumentNullException.ThrowIfNull(source);
        var version = source.Version;
        var pregnant = source.PatientConditions.HasFlag(ConditionSet.Pregnancy);
        var exercises = version.Exercises.OrderBy(e => e.Position).ToList();
        return new HandoutModel
        {
            ClinicName = source.ClinicName,
            ClinicContact = new HandoutClinicContact
            {
                AddressLines = Lines(source.ClinicAddress),
                Phone = Blank(source.ClinicPhone),
                Email = Blank(source.ClinicEmail),
            },
            PaperSize = source.PaperSize,
            PatientName = $"{source.PatientFirstName} {source.PatientLastName}".Trim(),
            ClinicianName = version.AuthorName,
            Date = LocalDate(version.CreatedAt, source.ClinicTimeZoneId),
            RoutineTitle = version.Title,
            NoteToPatient = Blank(version.NoteToPatient),
            ScheduleDays = (version.Days & DaysOfWeek.Every) is DaysOfWeek.Every or DaysOfWeek.None ? [] : [.. version.Days.ShortNames()],
            SessionsPerDay = Math.Max(1, version.SessionsPerDay),
            StartDate = version.StartDate,
            EndDate = version.EndDate,
            IsPregnant = pregnant,
            LogUrl = LogUrl(publicUrl),
            Exercises = exercises.Select((e, i) => new HandoutExercise
            {
                Number = i + 1,
                Name = e.Name,
                Slug = e.Slug,
                StartingPosition = e.StartingPosition.Label(),
                Equipment = e.Equipment == Equipment.None ? null : e.Equipment.Label(),
                DosageLine = e.Dosage.ToString(),
                Steps = e.Steps,
                Cautions = HandoutCautions.For(e.Cautions, pregnant),
                ClinicianNote = Blank(e.Note),
            }).ToList(),
        };
    }

    /// <summary>The absolute URL of the log page, or null when the portal's address is not a usable http(s) URL.</summary>
    public static string? LogUrl(string? publicUrl)
    {
        if (string.IsNullOrWhiteSpace(publicUrl)
            || !Uri.TryCreate(publicUrl.Trim().TrimEnd('/') + LogPath, UriKind.Absolute, out var uri)
            || uri.Scheme is not ("https" or "http"))
            return null;
        return uri.AbsoluteUri;
    }

    private static Task<PrescriptionFacts?> Facts(IQueryable<Prescription> prescriptions, CancellationToken ct) =>
        prescriptions.AsNoTracking()
            .Select(p => new PrescriptionFacts(
                p.Id,
                p.ClinicId,
                p.PatientId,
                p.CurrentVersionNumber,
                p.Patient!.FirstName,
                p.Patient.LastName,
                p.Patient.Conditions))
            .FirstOrDefaultAsync(ct);

    private async Task<PreparedHandout?> PrepareAsync(PrescriptionFacts facts, int versionNumber, string? publicUrl, CancellationToken ct)
    {
        // The version is read only once the (clinic-filtered) prescription has been found.
        var version = await db.PrescriptionVersions.AsNoTracking()
            .Include(v => v.Exercises.OrderBy(e => e.Position))
            .FirstOrDefaultAsync(v => v.PrescriptionId == facts.Id && v.Number == versionNumber, ct);
        if (version is null)
            return null;
        var clinic = await db.Clinics.AsNoTracking().Where(c => c.Id == facts.ClinicId)
            .Select(c => new { c.Name, c.Phone, c.Email, c.Address, c.PaperSize, c.TimeZoneId })
            .FirstAsync(ct);
        var source = new HandoutSource
        {
            ClinicId = facts.ClinicId,
            ClinicName = clinic.Name,
            ClinicPhone = clinic.Phone,
            ClinicEmail = clinic.Email,
            ClinicAddress = clinic.Address,
            PaperSize = clinic.PaperSize,
            ClinicTimeZoneId = clinic.TimeZoneId,
            PatientId = facts.PatientId,
            PatientFirstName = facts.FirstName,
            PatientLastName = facts.LastName,
            PatientConditions = facts.Conditions,
            PrescriptionId = facts.Id,
            Version = version,
        };
        var model = Map(source, publicUrl);
        if (photos is not null) model = await WithPhotosAsync(model, version, ct);
        return new PreparedHandout(model, source);
    }

    /// <summary>The print-size photos of each exercise as prescribed (their keys are in the version's snapshot).</summary>
    private async Task<HandoutModel> WithPhotosAsync(HandoutModel model, PrescriptionVersion version, CancellationToken ct)
    {
        var keys = version.Exercises.SelectMany(e => e.PhotoPrintKeys).Distinct().ToList();
        if (keys.Count == 0) return model;
        var lengths = await db.StoredObjects.AsNoTracking().Where(o => keys.Contains(o.Key)).ToDictionaryAsync(o => o.Key, o => o.Length, ct);
        var loaded = new Dictionary<string, HandoutPhoto>();
        foreach (var key in keys.Where(lengths.ContainsKey))
        {
            var bytes = new byte[lengths[key]];
            await using (var stream = new Media.StoredObjectStream(photos!, key, bytes.Length))
                await stream.ReadExactlyAsync(bytes, ct);
            using var header = NetVips.Image.NewFromBuffer(bytes);
            loaded[key] = new HandoutPhoto(bytes, header.Width, header.Height);
        }
        var byPosition = version.Exercises.OrderBy(e => e.Position).ToList();
        return model with
        {
            Exercises = model.Exercises.Select((e, i) => e with
            {
                Photos = byPosition[i].PhotoPrintKeys.Where(loaded.ContainsKey).Select(k => loaded[k]).ToList(),
            }).ToList(),
        };
    }

    private static DateOnly LocalDate(DateTimeOffset instant, string timeZoneId)
    {
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(timeZoneId) ?? DateTimeZone.Utc;
        var date = Instant.FromDateTimeOffset(instant).InZone(zone).Date;
        return new DateOnly(date.Year, date.Month, date.Day);
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string[] Lines(string? text) =>
        text is null ? [] : text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private sealed record PrescriptionFacts(
        Guid Id, Guid ClinicId, Guid PatientId, int CurrentVersionNumber, string FirstName, string LastName, ConditionSet Conditions);
}

namespace PhysioPortal.Core.Audit;

/// <summary>Every action the audit log records, with the words the log shows for it (and offers in its filter).</summary>
public static class AuditActions
{
    public const string PatientCreate = "patient.create";
    public const string PatientRead = "patient.read";
    public const string PatientUpdate = "patient.update";
    public const string PatientArchive = "patient.archive";
    public const string PatientInvite = "patient.invite";
    public const string PrescriptionSave = "prescription.save";
    public const string PrescriptionRead = "prescription.read";
    public const string HandoutDownload = "handout.download";
    public const string PatientExport = "patient.export";
    public const string PatientErase = "patient.erase";
    public const string SessionsEnd = "sessions.end";

    public static readonly IReadOnlyList<(string Code, string Name)> All =
    [
        (PatientCreate, "Added a patient"),
        (PatientRead, "Opened a patient's record"),
        (PatientUpdate, "Changed a patient's details"),
        (PatientArchive, "Archived or restored a patient"),
        (PatientInvite, "Invited a patient to the portal"),
        (PrescriptionSave, "Prescribed or changed a routine"),
        (PrescriptionRead, "Opened a prescription version"),
        (HandoutDownload, "Downloaded a handout"),
        (PatientExport, "Exported a patient's data"),
        (PatientErase, "Erased a patient"),
        (SessionsEnd, "Ended a staff member's sessions"),
    ];

    /// <summary>The words for an action code; an unknown code is shown as it is.</summary>
    public static string NameOf(string code) => All.FirstOrDefault(a => a.Code == code).Name ?? code;
}

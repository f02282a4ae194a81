using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using PhysioPortal.Core.Data;
using PhysioPortal.Core.Handouts;
using PhysioPortal.Core.Reminders;

namespace PhysioPortal.Core.Patients;

/// <summary>
/// A patient's data on request (a zip with everything as JSON, and each handout) and erasure (the record anonymised,
/// the account removed, the session logs kept only as dated counts). Reads through the clinic-scoped context.
/// </summary>
public sealed class PatientRecords(PortalDbContext db, HandoutFactory handouts, HandoutDocument document, TimeProvider clock,
    Identity.ServerSideSessions? sessions = null)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public async Task<(string FileName, byte[] Zip)?> ExportAsync(Guid patientId, string? publicUrl, CancellationToken ct = default)
    {
        var patient = await db.Patients.AsNoTracking().FirstOrDefaultAsync(p => p.Id == patientId, ct);
        if (patient is null) return null;
        var prescriptions = await db.Prescriptions.AsNoTracking().Where(p => p.PatientId == patientId)
            .Include(p => p.Versions).ThenInclude(v => v.Exercises).AsSplitQuery().ToListAsync(ct);
        var logs = await db.SessionLogs.AsNoTracking().Where(l => l.PatientId == patientId).OrderBy(l => l.LocalDate).ThenBy(l => l.Session).ToListAsync(ct);
        var emails = await db.ScheduledEmails.AsNoTracking().Where(e => e.PatientId == patientId).OrderBy(e => e.DueAt)
            .Select(e => new { e.Kind, e.LocalDate, e.DueAt, e.State, e.SentAt }).ToListAsync(ct);
        var alerts = await db.Alerts.AsNoTracking().Where(a => a.PatientId == patientId).OrderBy(a => a.RaisedAt)
            .Select(a => new { a.Kind, a.Summary, a.RaisedAt, a.State, a.ResolvedAt, a.ResolutionNote }).ToListAsync(ct);
        var hasAccount = await db.Users.AnyAsync(u => u.PatientId == patientId, ct);

        var export = new
        {
            exportedAt = clock.GetUtcNow(),
            patient = new
            {
                patient.Id, patient.FirstName, patient.LastName, patient.DateOfBirth, patient.Email, patient.TimeZoneId,
                patient.ReminderTime, patient.EmailConsent, Conditions = patient.Conditions.Groups().Select(g => g.ToString()),
                patient.PregnancyDueDate, patient.SciaticaSide, RedFlags = patient.RedFlags.Each().Select(f => RedFlagText.Question(f)),
                patient.Notes, patient.CreatedAt, patient.ArchivedAt, hasAccount,
            },
            prescriptions = prescriptions.Select(p => new
            {
                p.Id, p.Status, p.CreatedAt, p.UpdatedAt,
                versions = p.Versions.OrderBy(v => v.Number).Select(v => new
                {
                    v.Number, v.CreatedAt, v.AuthorName, v.Title, Days = v.Days.ToString(), v.SessionsPerDay, v.ReminderTime, v.StartDate, v.Weeks,
                    v.NoteToPatient, v.ChangeSummary, v.AcknowledgedWarnings,
                    exercises = v.Exercises.OrderBy(e => e.Position).Select(e => new { e.Position, e.Name, Dosage = e.Dosage.ToString(), e.Steps, e.Note }),
                }),
            }),
            sessionLogs = logs.Select(l => new { l.LocalDate, l.Session, ExercisesDone = l.ExercisesDone.Count, l.PainBefore, l.PainAfter, l.Difficulty, l.Note, l.Source, l.LoggedAt }),
            emails,
            alerts,
        };

        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            await using (var entry = zip.CreateEntry("patient.json").Open())
            {
                await JsonSerializer.SerializeAsync(entry, export, Json, ct);
            }
            foreach (var p in prescriptions)
            {
                foreach (var v in p.Versions.OrderBy(v => v.Number))
                {
                    var prepared = await handouts.ForPrescriptionAsync(p.Id, v.Number, publicUrl, ct);
                    if (prepared is null) continue;
                    await using var entry = zip.CreateEntry($"handouts/{v.StartDate:yyyy-MM-dd}-v{v.Number}-{prepared.FileName}").Open();
                    document.Render(prepared.Model, entry);
                    Operations.PortalMetrics.HandoutRendered("export");
                }
            }
        }
        var name = $"patient-export-{patient.Id:N}-{clock.GetUtcNow():yyyy-MM-dd}.zip";
        return (name, buffer.ToArray());
    }

    /// <summary>
    /// Erases a patient: names, contact, dates of birth, notes and intake answers go; the account and link tokens
    /// are removed; pending emails are cancelled; session logs stay as dated counts without pain scores or notes,
    /// so the clinic's figures still add up. Prescriptions stay (they are the clinic's record of what it advised).
    /// </summary>
    public async Task<bool> EraseAsync(Guid patientId, CancellationToken ct = default)
    {
        // One transaction, run through the execution strategy so a dropped connection retries the whole erasure.
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            var patient = await db.Patients.FirstOrDefaultAsync(p => p.Id == patientId, ct);
            if (patient is null) return false;
            var now = clock.GetUtcNow();
            var email = patient.Email;
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            patient.FirstName = "Erased";
            patient.LastName = "patient";
            patient.Email = null;
            patient.DateOfBirth = null;
            patient.Notes = null;
            patient.RedFlags = RedFlags.None;
            patient.PregnancyDueDate = null;
            patient.SciaticaSide = null;
            patient.EmailConsent = false;
            patient.ArchivedAt ??= now;
            await db.SaveChangesAsync(ct);
            await db.SessionLogs.Where(l => l.PatientId == patientId).ExecuteUpdateAsync(s => s
                .SetProperty(l => l.Note, (string?)null)
                .SetProperty(l => l.PainBefore, (int?)null)
                .SetProperty(l => l.PainAfter, (int?)null)
                .SetProperty(l => l.Difficulty, (Adherence.Difficulty?)null), ct);
            await db.ScheduledEmails.Where(e => e.PatientId == patientId && e.State == EmailState.Pending)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.State, EmailState.Cancelled).SetProperty(e => e.LastError, "patient erased"), ct);
            // Alerts quote what the patient reported: they go, with any alert email not sent yet.
            var alertIds = db.Alerts.Where(a => a.PatientId == patientId).Select(a => (Guid?)a.Id);
            await db.ScheduledEmails.Where(e => alertIds.Contains(e.AlertId) && e.State == EmailState.Pending)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.State, EmailState.Cancelled).SetProperty(e => e.LastError, "patient erased"), ct);
            await db.Alerts.Where(a => a.PatientId == patientId).ExecuteDeleteAsync(ct);
            await db.OutcomeScores.Where(o => o.PatientId == patientId).ExecuteDeleteAsync(ct);
            // A mail server's refusal may quote the address: past errors go too.
            await db.ScheduledEmails.Where(e => e.PatientId == patientId && e.LastError != null && e.LastError != "patient erased")
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.LastError, "patient erased"), ct);
            if (email is not null)
            {
                var throttle = Identity.AccountThrottle.KeyFor(email);
                await db.SignInThrottles.Where(t => t.Key == throttle).ExecuteDeleteAsync(ct);
            }
            await db.LinkTokens.Where(t => t.PatientId == patientId).ExecuteDeleteAsync(ct);
            var userIds = await db.Users.Where(u => u.PatientId == patientId).Select(u => u.Id).ToListAsync(ct);
            await db.UserRoles.Where(r => userIds.Contains(r.UserId)).ExecuteDeleteAsync(ct);
            await db.UserClaims.Where(c => userIds.Contains(c.UserId)).ExecuteDeleteAsync(ct);
            await db.UserTokens.Where(t => userIds.Contains(t.UserId)).ExecuteDeleteAsync(ct);
            await db.UserSessions.Where(x => userIds.Contains(x.UserId)).ExecuteDeleteAsync(ct); // signed out at once
            await db.Users.Where(u => userIds.Contains(u.Id)).ExecuteDeleteAsync(ct);
            await tx.CommitAsync(ct);
            sessions?.Forget(userIds); // and at once in this process's session cache
            return true;
        });
    }
}

using Microsoft.EntityFrameworkCore;
using PhysioPortal.Core.Exercises;
using PhysioPortal.Core.Prescriptions;

namespace PhysioPortal.Tests.Infrastructure;

/// <summary>Puts an active prescription straight into the database (the builder's own tests cover the pages).</summary>
public static class TestPrescriptions
{
    public static async Task<Prescription> PrescriptionAsync(this PortalFactory factory, Guid clinicId, Guid patientId,
        DateOnly start, DaysOfWeek days = DaysOfWeek.Every, int weeks = 4, string templateSlug = "lower-back",
        string clinicianUserId = "", int sessionsPerDay = 1)
    {
        await using var s = factory.SystemDb();
        var template = await s.Db.RoutineTemplates.Include(t => t.Items).ThenInclude(i => i.Exercise)
            .SingleAsync(t => t.ClinicId == null && t.Slug == templateSlug);
        var now = DateTimeOffset.UtcNow;
        var prescription = new Prescription
        {
            Id = Guid.NewGuid(),
            ClinicId = clinicId,
            PatientId = patientId,
            CreatedAt = now,
            UpdatedAt = now,
            CurrentVersionNumber = 1,
            ClinicianUserId = clinicianUserId,
            ClinicianName = "Test Clinician",
        };
        var version = new PrescriptionVersion
        {
            Id = Guid.NewGuid(),
            PrescriptionId = prescription.Id,
            Number = 1,
            CreatedAt = now,
            AuthorUserId = clinicianUserId,
            AuthorName = "Test Clinician",
            Title = template.Name,
            TemplateSlug = template.Slug,
            Days = days,
            SessionsPerDay = sessionsPerDay,
            ReminderTime = new TimeOnly(8, 0),
            StartDate = start,
            Weeks = weeks,
            ChangeSummary = "first version",
            Exercises = template.Items.OrderBy(i => i.Position)
                .Select(i => PrescribedExercise.Snapshot(i.Exercise!, i.Position, i.Dosage, null)).ToList(),
        };
        s.Db.Prescriptions.Add(prescription);
        s.Db.PrescriptionVersions.Add(version);
        await s.Db.SaveChangesAsync();
        prescription.Versions = [version];
        return prescription;
    }
}

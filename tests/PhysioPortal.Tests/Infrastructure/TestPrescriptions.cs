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
        var (prescription, _) = PrescriptionFromTemplate.Create(template, clinicId, patientId, clinicianUserId, "Test Clinician",
            start, new TimeOnly(8, 0), DateTimeOffset.UtcNow, days, weeks, sessionsPerDay);
        s.Db.Prescriptions.Add(prescription);
        await s.Db.SaveChangesAsync();
        return prescription;
    }
}

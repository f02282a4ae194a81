using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PhysioPortal.Core.Adherence;
using PhysioPortal.Core.Clinics;
using PhysioPortal.Core.Identity;
using PhysioPortal.Core.Patients;
using PhysioPortal.Core.Prescriptions;

namespace PhysioPortal.Core.Data;

/// <summary>
/// A demo clinic for development: an admin, two clinicians and six patients with various conditions.
/// Created once; a second run finds the clinic and does nothing.
/// </summary>
public sealed class DemoData(PortalDbContext db, UserManager<PortalUser> users, TimeProvider clock, ILogger<DemoData> logger)
{
    public const string ClinicName = "Riverside Physiotherapy (demo)";
    public const string Password = "demo-password-2026";
    public const string AdminEmail = "admin@riverside.example";
    public const string ClinicianEmail = "alice.morgan@riverside.example";
    public const string SecondClinicianEmail = "ben.okafor@riverside.example";
    public const string PatientEmail = "emma.clarke@example.com";

    public static readonly IReadOnlyList<(string Role, string Email)> Logins =
    [
        (Roles.Admin, AdminEmail),
        (Roles.Clinician, ClinicianEmail),
        (Roles.Clinician, SecondClinicianEmail),
        (Roles.Patient, PatientEmail),
    ];

    public async Task SeedAsync(CancellationToken ct = default)
    {
        if (await db.Clinics.AnyAsync(c => c.Name == ClinicName, ct))
        {
            return;
        }
        var now = clock.GetUtcNow();
        var clinic = new Clinic
        {
            Id = Guid.NewGuid(),
            Name = ClinicName,
            TimeZoneId = "Europe/London",
            Phone = "020 7946 0000",
            Email = "hello@riverside.example",
            Address = "12 River Lane, London SE1 7PB",
            CreatedAt = now,
        };
        db.Clinics.Add(clinic);
        var today = LocalDates.ClinicToday(clinic.TimeZoneId, now);

        Patient P(string first, string last, string email, ConditionSet conditions, DateOnly? dob, string tz = "Europe/London") => new()
        {
            Id = Guid.NewGuid(),
            ClinicId = clinic.Id,
            FirstName = first,
            LastName = last,
            Email = email,
            DateOfBirth = dob,
            TimeZoneId = tz,
            ReminderTime = new TimeOnly(8, 0),
            EmailConsent = true,
            Conditions = conditions,
            CreatedAt = now,
        };
        var emma = P("Emma", "Clarke", PatientEmail, ConditionSet.Pregnancy | ConditionSet.LowerBack, new DateOnly(1993, 4, 12));
        emma.PregnancyDueDate = today.AddDays(7 * 18); // 22 weeks today: second trimester
        var james = P("James", "O'Connor", "james.oconnor@example.com", ConditionSet.Sciatica, new DateOnly(1979, 9, 2));
        james.SciaticaSide = AffectedSide.Right;
        var sofia = P("Sofia", "Martínez", "sofia.martinez@example.com", ConditionSet.Scoliosis | ConditionSet.Core, new DateOnly(2004, 1, 23), "America/New_York");
        var robert = P("Robert", "Hughes", "robert.hughes@example.com", ConditionSet.LowerBack, new DateOnly(1958, 11, 30));
        robert.RedFlags = RedFlags.AgeOver50OrUnder20NewPain;
        robert.Notes = "New low back pain since October; GP review booked.";
        var priya = P("Priya", "Shah", "priya.shah@example.com", ConditionSet.AtWork | ConditionSet.Posture | ConditionSet.UpperBack, new DateOnly(1988, 6, 7));
        var margaret = P("Margaret", "Wilson", "margaret.wilson@example.com", ConditionSet.Hips | ConditionSet.Flexibility, new DateOnly(1952, 3, 15));
        margaret.ReminderTime = new TimeOnly(10, 30);
        db.Patients.AddRange(emma, james, sofia, robert, priya, margaret);
        await db.SaveChangesAsync(ct);

        await AddUser(AdminEmail, "Dana Reyes", Roles.Admin, clinic.Id, null);
        var alice = await AddUser(ClinicianEmail, "Alice Morgan", Roles.Clinician, clinic.Id, null);
        await AddUser(SecondClinicianEmail, "Ben Okafor", Roles.Clinician, clinic.Id, null);
        await AddUser(PatientEmail, emma.FullName, Roles.Patient, clinic.Id, emma.Id);

        // Routines already running, with a few weeks of logs, so every page has something to show.
        await PrescribeAsync(clinic.Id, emma, alice, "pregnancy", today.AddDays(-20), [6, 5, 5, 4, 4, 3, 3, 3], ct);
        await PrescribeAsync(clinic.Id, james, alice, "sciatica", today.AddDays(-16), [5, 6, 7, 7], ct);
        await PrescribeAsync(clinic.Id, sofia, alice, "scoliosis", today.AddDays(-10), [4, 4, 3], ct);
        await PrescribeAsync(clinic.Id, margaret, alice, "hips", today.AddDays(-6), [], ct);
        logger.LogInformation("Demo clinic created: {Clinic}", ClinicName);
    }

    /// <summary>A routine from a built-in template, with the given pain scores logged on its latest scheduled days.</summary>
    private async Task PrescribeAsync(Guid clinicId, Patient patient, PortalUser clinician, string templateSlug, DateOnly start, int[] pains, CancellationToken ct)
    {
        var template = await db.RoutineTemplates.Include(t => t.Items).ThenInclude(i => i.Exercise)
            .SingleAsync(t => t.ClinicId == null && t.Slug == templateSlug, ct);
        var now = clock.GetUtcNow();
        var (prescription, version) = PrescriptionFromTemplate.Create(template, clinicId, patient.Id, clinician.Id, clinician.DisplayName,
            start, patient.ReminderTime, now, noteToPatient: "Go gently at first. If anything hurts more than a little, stop and let me know.");
        db.Prescriptions.Add(prescription);
        var schedule = version.Schedule;
        // The most recent scheduled days up to yesterday, oldest first, so the pain scores read in order.
        var recentDays = schedule.ScheduledDates(start, LocalDates.PatientToday(patient.TimeZoneId, now).AddDays(-1)).TakeLast(pains.Length);
        foreach (var (date, pain) in recentDays.Zip(pains))
        {
            db.SessionLogs.Add(new SessionLog
            {
                Id = Guid.NewGuid(), ClinicId = clinicId, PatientId = patient.Id, PrescriptionId = prescription.Id,
                PrescriptionVersionId = version.Id, LocalDate = date, Session = 1,
                ExercisesDone = version.Exercises.Select(e => e.ExerciseId).ToList(),
                PainBefore = pain, PainAfter = Math.Max(0, pain - 1), Difficulty = Difficulty.AboutRight,
                Source = LogSource.Site, LoggedAt = now, UpdatedAt = now,
            });
        }
        await db.SaveChangesAsync(ct);
    }

    private async Task<PortalUser> AddUser(string email, string name, string role, Guid clinicId, Guid? patientId)
    {
        var user = new PortalUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = name,
            ClinicId = clinicId,
            PatientId = patientId,
        };
        var created = await users.CreateAsync(user, Password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException($"Demo user {email}: {string.Join("; ", created.Errors.Select(e => e.Description))}");
        }
        await users.AddToRoleAsync(user, role);
        return user;
    }
}

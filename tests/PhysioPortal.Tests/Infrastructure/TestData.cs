using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using PhysioPortal.Core.Clinics;
using PhysioPortal.Core.Identity;
using PhysioPortal.Core.Patients;

namespace PhysioPortal.Tests.Infrastructure;

/// <summary>Creates clinics, users and patients with unique names, so tests never depend on each other's data.</summary>
public static class TestData
{
    public const string Password = "correct-horse-battery";

    public static async Task<Clinic> ClinicAsync(this PortalFactory factory, string? name = null)
    {
        await using var s = factory.SystemDb();
        var clinic = new Clinic
        {
            Id = Guid.NewGuid(),
            Name = name ?? "Clinic " + Unique(),
            TimeZoneId = "Europe/London",
            CreatedAt = DateTimeOffset.UtcNow,
        };
        s.Db.Clinics.Add(clinic);
        await s.Db.SaveChangesAsync();
        return clinic;
    }

    public static async Task<PortalUser> UserAsync(this PortalFactory factory, Guid clinicId, string role, Guid? patientId = null, string? email = null)
    {
        await using var s = factory.SystemDb();
        var users = s.Services.GetRequiredService<UserManager<PortalUser>>();
        email ??= $"{role.ToLowerInvariant()}-{Unique()}@test.example";
        var user = new PortalUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = $"{role} {Unique()}",
            ClinicId = clinicId,
            PatientId = patientId,
        };
        var result = await users.CreateAsync(user, Password);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(user, role);
        return user;
    }

    public static async Task<Patient> PatientAsync(this PortalFactory factory, Guid clinicId, Action<Patient>? configure = null)
    {
        await using var s = factory.SystemDb();
        var patient = new Patient
        {
            Id = Guid.NewGuid(),
            ClinicId = clinicId,
            FirstName = "Pat",
            LastName = "Test" + Unique(),
            Email = $"patient-{Unique()}@test.example",
            TimeZoneId = "Europe/London",
            EmailConsent = true,
            CreatedAt = DateTimeOffset.UtcNow,
        };
        configure?.Invoke(patient);
        s.Db.Patients.Add(patient);
        await s.Db.SaveChangesAsync();
        return patient;
    }

    /// <summary>A signed-in client for a new user of the given role in the given clinic.</summary>
    public static async Task<(PortalClient Client, PortalUser User)> SignedInAsync(this PortalFactory factory, Guid clinicId, string role, Guid? patientId = null)
    {
        var user = await factory.UserAsync(clinicId, role, patientId);
        var client = factory.Client();
        var response = await client.SignInAsync(user.Email!, Password);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        return (client, user);
    }

    public static string Unique() => Guid.NewGuid().ToString("N")[..10];
}

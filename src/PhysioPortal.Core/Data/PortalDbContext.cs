using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using PhysioPortal.Core.Adherence;
using PhysioPortal.Core.Audit;
using PhysioPortal.Core.Clinics;
using PhysioPortal.Core.Exercises;
using PhysioPortal.Core.Identity;
using PhysioPortal.Core.Patients;
using PhysioPortal.Core.Prescriptions;
using PhysioPortal.Core.Reminders;
using PhysioPortal.Core.Tokens;

namespace PhysioPortal.Core.Data;

/// <summary>
/// The one DbContext of the portal. Patient data is scoped to the signed-in user's clinic here, by global query
/// filters, so that no page can forget it: see <see cref="IClinicScope"/>.
/// </summary>
public class PortalDbContext(DbContextOptions<PortalDbContext> options, IClinicScope? scope = null)
    : IdentityDbContext<PortalUser>(options), IDataProtectionKeyContext
{
    private readonly IClinicScope _scope = scope ?? ClinicScope.None;

    public DbSet<Clinic> Clinics => Set<Clinic>();
    public DbSet<Exercise> Exercises => Set<Exercise>();
    public DbSet<RoutineTemplate> RoutineTemplates => Set<RoutineTemplate>();
    public DbSet<Patient> Patients => Set<Patient>();
    public DbSet<Prescription> Prescriptions => Set<Prescription>();
    public DbSet<PrescriptionVersion> PrescriptionVersions => Set<PrescriptionVersion>();
    public DbSet<SessionLog> SessionLogs => Set<SessionLog>();
    public DbSet<ScheduledEmail> ScheduledEmails => Set<ScheduledEmail>();
    public DbSet<LinkToken> LinkTokens => Set<LinkToken>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    // Read by the query filters at query time (EF parameterises member access on the context).
    internal bool AllClinics => _scope.AllClinics;
    internal Guid? CurrentClinicId => _scope.ClinicId;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.HasPostgresExtension("pg_trgm");
        builder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly);

        // Tenant scoping, in one place. Built-in exercises/templates (no clinic) are visible to every clinic.
        builder.Entity<Patient>().HasQueryFilter(p => AllClinics || p.ClinicId == CurrentClinicId);
        builder.Entity<Exercise>().HasQueryFilter(e => AllClinics || e.ClinicId == null || e.ClinicId == CurrentClinicId);
        builder.Entity<Prescription>().HasQueryFilter(p => AllClinics || p.ClinicId == CurrentClinicId);
        builder.Entity<SessionLog>().HasQueryFilter(l => AllClinics || l.ClinicId == CurrentClinicId);
        builder.Entity<ScheduledEmail>().HasQueryFilter(e => AllClinics || e.ClinicId == CurrentClinicId);
        builder.Entity<LinkToken>().HasQueryFilter(t => AllClinics || t.ClinicId == CurrentClinicId);
        builder.Entity<AuditEvent>().HasQueryFilter(a => AllClinics || a.ClinicId == CurrentClinicId);
        builder.Entity<RoutineTemplate>().HasQueryFilter(t => AllClinics || t.ClinicId == null || t.ClinicId == CurrentClinicId);
    }
}

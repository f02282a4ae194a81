using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using PhysioPortal.Core.Adherence;
using PhysioPortal.Core.Alerts;
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
/// filters, so that no page can forget it: see <see cref="IClinicScope"/>. Get a context through
/// <see cref="PortalContexts"/> (or DI, which uses its signed-in door); one made with <c>new</c> sees no clinic.
/// Why filters (docs/decisions/0003-clinic-scoping-by-query-filters.md) and why no repository layer on top
/// (docs/decisions/0004-no-repository-layer.md).
/// </summary>
public class PortalDbContext(DbContextOptions<PortalDbContext> options)
    : IdentityDbContext<PortalUser>(options), IDataProtectionKeyContext
{
    /// <summary>Set by <see cref="PortalContexts"/> when it hands the context out; read by the filters at query time.</summary>
    internal IClinicScope Scope { get; set; } = ClinicScope.None;

    public DbSet<Clinic> Clinics => Set<Clinic>();
    public DbSet<Exercise> Exercises => Set<Exercise>();
    public DbSet<RoutineTemplate> RoutineTemplates => Set<RoutineTemplate>();
    public DbSet<ExerciseMedia> ExerciseMedia => Set<ExerciseMedia>();
    public DbSet<Favourite> Favourites => Set<Favourite>();
    public DbSet<Media.StoredObject> StoredObjects => Set<Media.StoredObject>();
    public DbSet<Media.StoredObjectChunk> StoredObjectChunks => Set<Media.StoredObjectChunk>();
    public DbSet<Media.StoredObjectOwner> StoredObjectOwners => Set<Media.StoredObjectOwner>();
    public DbSet<Patient> Patients => Set<Patient>();
    public DbSet<Prescription> Prescriptions => Set<Prescription>();
    public DbSet<PrescriptionVersion> PrescriptionVersions => Set<PrescriptionVersion>();
    public DbSet<SessionLog> SessionLogs => Set<SessionLog>();
    public DbSet<ScheduledEmail> ScheduledEmails => Set<ScheduledEmail>();
    public DbSet<LinkToken> LinkTokens => Set<LinkToken>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<Alert> Alerts => Set<Alert>();
    public DbSet<Outcomes.OutcomeScore> OutcomeScores => Set<Outcomes.OutcomeScore>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<UserSession> UserSessions => Set<UserSession>();
    public DbSet<SignInThrottle> SignInThrottles => Set<SignInThrottle>();

    /// <summary>A pooled context goes back to the pool seeing no clinic; <see cref="PortalContexts"/> sets the next scope.</summary>
    public override void Dispose()
    {
        Scope = ClinicScope.None;
        base.Dispose();
    }

    public override ValueTask DisposeAsync()
    {
        Scope = ClinicScope.None;
        return base.DisposeAsync();
    }

    // Read by the query filters at query time (EF parameterises member access on the context).
    internal bool AllClinics => Scope.AllClinics;
    internal Guid? CurrentClinicId => Scope.ClinicId;

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
        builder.Entity<Alert>().HasQueryFilter(a => AllClinics || a.ClinicId == CurrentClinicId);
        builder.Entity<Outcomes.OutcomeScore>().HasQueryFilter(s => AllClinics || s.ClinicId == CurrentClinicId);
        builder.Entity<RoutineTemplate>().HasQueryFilter(t => AllClinics || t.ClinicId == null || t.ClinicId == CurrentClinicId);
        builder.Entity<Favourite>().HasQueryFilter(f => AllClinics || f.ClinicId == CurrentClinicId);
        builder.Entity<Media.StoredObjectOwner>().HasQueryFilter(o => AllClinics || o.ClinicId == CurrentClinicId);

        // Typo-tolerant name search (pg_trgm): how well the words of the query match a word of the name, 0..1.
        builder.HasDbFunction(typeof(PortalDbContext).GetMethod(nameof(WordSimilarity))!).HasName("word_similarity").IsBuiltIn();
    }

    /// <summary>PostgreSQL's word_similarity(query, text) from pg_trgm; only for use inside LINQ queries.</summary>
    public static double WordSimilarity(string query, string text) => throw new NotSupportedException("Only inside a query.");
}

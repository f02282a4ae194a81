using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PhysioPortal.Core.Adherence;
using PhysioPortal.Core.Audit;
using PhysioPortal.Core.Clinics;
using PhysioPortal.Core.Patients;
using PhysioPortal.Core.Prescriptions;
using PhysioPortal.Core.Reminders;
using PhysioPortal.Core.Tokens;

namespace PhysioPortal.Core.Data.Configurations;

public sealed class SessionLogConfiguration : IEntityTypeConfiguration<SessionLog>
{
    public void Configure(EntityTypeBuilder<SessionLog> b)
    {
        b.Property(l => l.Difficulty).HasConversion<string>().HasMaxLength(16);
        b.Property(l => l.Source).HasConversion<string>().HasMaxLength(16);
        b.Property(l => l.Note).HasMaxLength(2000);
        b.HasOne<Clinic>().WithMany().HasForeignKey(l => l.ClinicId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Patient>().WithMany().HasForeignKey(l => l.PatientId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Prescription>().WithMany().HasForeignKey(l => l.PrescriptionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<PrescriptionVersion>().WithMany().HasForeignKey(l => l.PrescriptionVersionId).OnDelete(DeleteBehavior.Restrict);
        // One log per prescription, local date and session: logging again updates.
        b.HasIndex(l => new { l.PrescriptionId, l.LocalDate, l.Session }).IsUnique();
        b.HasIndex(l => new { l.PatientId, l.LocalDate });
        b.ToTable(t =>
        {
            t.HasCheckConstraint("CK_SessionLogs_PainBefore", "\"PainBefore\" IS NULL OR \"PainBefore\" BETWEEN 0 AND 10");
            t.HasCheckConstraint("CK_SessionLogs_PainAfter", "\"PainAfter\" IS NULL OR \"PainAfter\" BETWEEN 0 AND 10");
        });
    }
}

public sealed class ScheduledEmailConfiguration : IEntityTypeConfiguration<ScheduledEmail>
{
    public void Configure(EntityTypeBuilder<ScheduledEmail> b)
    {
        b.Property(e => e.Kind).HasConversion<string>().HasMaxLength(24);
        b.Property(e => e.State).HasConversion<string>().HasMaxLength(16);
        b.Property(e => e.UniqueKey).HasMaxLength(200);
        b.Property(e => e.ClinicianUserId).HasMaxLength(450);
        b.Property(e => e.LastError).HasMaxLength(2000);
        b.Property(e => e.ClaimedBy).HasMaxLength(200);
        b.Property(e => e.MessageId).HasMaxLength(300);
        b.HasOne<Clinic>().WithMany().HasForeignKey(e => e.ClinicId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(e => e.UniqueKey).IsUnique();
        // The sender's query: pending rows that are due, oldest first.
        b.HasIndex(e => new { e.State, e.DueAt });
        b.HasIndex(e => new { e.PatientId, e.State });
        b.HasIndex(e => new { e.PrescriptionId, e.State });
    }
}

public sealed class LinkTokenConfiguration : IEntityTypeConfiguration<LinkToken>
{
    public void Configure(EntityTypeBuilder<LinkToken> b)
    {
        b.Property(t => t.Hash).HasMaxLength(64);
        b.Property(t => t.Purpose).HasConversion<string>().HasMaxLength(16);
        b.HasIndex(t => t.Hash).IsUnique();
        b.HasIndex(t => new { t.PatientId, t.Purpose });
        b.HasOne<Clinic>().WithMany().HasForeignKey(t => t.ClinicId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Patient>().WithMany().HasForeignKey(t => t.PatientId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> b)
    {
        b.Property(a => a.UserId).HasMaxLength(450);
        b.Property(a => a.ActorRole).HasMaxLength(32);
        b.Property(a => a.Action).HasMaxLength(64);
        b.Property(a => a.Detail).HasMaxLength(500);
        b.Property(a => a.IpAddress).HasMaxLength(64);
        b.HasIndex(a => new { a.ClinicId, a.At });
        b.HasIndex(a => new { a.PatientId, a.At });
    }
}

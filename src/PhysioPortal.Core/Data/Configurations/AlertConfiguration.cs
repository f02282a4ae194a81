using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PhysioPortal.Core.Adherence;
using PhysioPortal.Core.Alerts;
using PhysioPortal.Core.Clinics;
using PhysioPortal.Core.Patients;
using PhysioPortal.Core.Prescriptions;

namespace PhysioPortal.Core.Data.Configurations;

public sealed class AlertConfiguration : IEntityTypeConfiguration<Alert>
{
    public void Configure(EntityTypeBuilder<Alert> b)
    {
        b.Property(a => a.Kind).HasConversion<string>().HasMaxLength(24);
        b.Property(a => a.State).HasConversion<string>().HasMaxLength(16);
        b.Property(a => a.UniqueKey).HasMaxLength(200);
        b.Property(a => a.Summary).HasMaxLength(500);
        b.Property(a => a.ClinicianUserId).HasMaxLength(450);
        b.Property(a => a.ResolvedByUserId).HasMaxLength(450);
        b.Property(a => a.SeenByName).HasMaxLength(256);
        b.Property(a => a.ResolvedByName).HasMaxLength(256);
        b.Property(a => a.ResolutionNote).HasMaxLength(1000);
        b.HasOne<Clinic>().WithMany().HasForeignKey(a => a.ClinicId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Patient>().WithMany().HasForeignKey(a => a.PatientId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Prescription>().WithMany().HasForeignKey(a => a.PrescriptionId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<SessionLog>().WithMany().HasForeignKey(a => a.SessionLogId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(a => a.UniqueKey).IsUnique();
        // The inbox: a clinician's alerts that are not resolved, newest first.
        b.HasIndex(a => new { a.ClinicianUserId, a.RaisedAt }).HasFilter("\"State\" <> 'Resolved'");
        b.HasIndex(a => new { a.PrescriptionId, a.Kind });
        b.HasIndex(a => a.PatientId);
    }
}

public sealed class OutcomeScoreConfiguration : IEntityTypeConfiguration<Outcomes.OutcomeScore>
{
    public void Configure(EntityTypeBuilder<Outcomes.OutcomeScore> b)
    {
        b.Property(s => s.Measure).HasConversion<string>().HasMaxLength(16);
        b.Property(s => s.Name).HasMaxLength(100);
        b.Property(s => s.RecordedBy).HasMaxLength(256);
        b.Property(s => s.Score).HasPrecision(8, 2);
        b.Property(s => s.RangeMin).HasPrecision(8, 2);
        b.Property(s => s.RangeMax).HasPrecision(8, 2);
        b.Ignore(s => s.Info);
        b.HasOne<Clinic>().WithMany().HasForeignKey(s => s.ClinicId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Patient>().WithMany().HasForeignKey(s => s.PatientId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Prescription>().WithMany().HasForeignKey(s => s.PrescriptionId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(s => new { s.PatientId, s.Measure, s.RecordedAt });
    }
}

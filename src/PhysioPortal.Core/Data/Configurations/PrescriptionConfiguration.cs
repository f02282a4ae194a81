using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PhysioPortal.Core.Clinics;
using PhysioPortal.Core.Exercises;
using PhysioPortal.Core.Prescriptions;

namespace PhysioPortal.Core.Data.Configurations;

public sealed class PrescriptionConfiguration : IEntityTypeConfiguration<Prescription>
{
    public void Configure(EntityTypeBuilder<Prescription> b)
    {
        b.Property(p => p.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(p => p.RowVersion).IsRowVersion();
        b.HasOne<Clinic>().WithMany().HasForeignKey(p => p.ClinicId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(p => p.Patient).WithMany().HasForeignKey(p => p.PatientId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(p => p.Versions).WithOne().HasForeignKey(v => v.PrescriptionId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(p => new { p.PatientId, p.Status });
        b.Property(p => p.ClinicianUserId).HasMaxLength(450);
        b.Property(p => p.ClinicianName).HasMaxLength(200);
        b.HasIndex(p => new { p.ClinicId, p.Status, p.UpdatedAt });
        b.HasIndex(p => new { p.ClinicianUserId, p.Status, p.UpdatedAt });
        // At most one active prescription per patient; a new routine replaces the old one as a new version.
        b.HasIndex(p => p.PatientId).IsUnique().HasFilter("\"Status\" = 'Active'").HasDatabaseName("IX_Prescriptions_PatientId_Active");
    }
}

public sealed class PrescriptionVersionConfiguration : IEntityTypeConfiguration<PrescriptionVersion>
{
    public void Configure(EntityTypeBuilder<PrescriptionVersion> b)
    {
        b.Property(v => v.AuthorUserId).HasMaxLength(450);
        b.Property(v => v.AuthorName).HasMaxLength(200);
        b.Property(v => v.Title).HasMaxLength(200);
        b.Property(v => v.TemplateSlug).HasMaxLength(100);
        b.Property(v => v.NoteToPatient).HasMaxLength(4000);
        b.Property(v => v.ChangeSummary).HasMaxLength(4000);
        b.HasIndex(v => new { v.PrescriptionId, v.Number }).IsUnique();
        b.HasMany(v => v.Exercises).WithOne().HasForeignKey(e => e.VersionId).OnDelete(DeleteBehavior.Cascade);
        b.Ignore(v => v.EndDate);
    }
}

public sealed class PrescribedExerciseConfiguration : IEntityTypeConfiguration<PrescribedExercise>
{
    public void Configure(EntityTypeBuilder<PrescribedExercise> b)
    {
        b.Property(e => e.Slug).HasMaxLength(100);
        b.Property(e => e.Name).HasMaxLength(200);
        b.Property(e => e.Group).HasConversion<string>().HasMaxLength(32);
        b.Property(e => e.StartingPosition).HasConversion<string>().HasMaxLength(32);
        b.Property(e => e.Equipment).HasConversion<string>().HasMaxLength(32);
        b.Property(e => e.Targets).HasMaxLength(500);
        b.Property(e => e.Note).HasMaxLength(1000);
        b.ComplexProperty(e => e.Dosage, DosageMapping.Configure);
        b.HasOne<Exercise>().WithMany().HasForeignKey(e => e.ExerciseId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(e => new { e.VersionId, e.Position });
    }
}

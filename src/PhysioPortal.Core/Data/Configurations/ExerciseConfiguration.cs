using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PhysioPortal.Core.Clinics;
using PhysioPortal.Core.Exercises;

namespace PhysioPortal.Core.Data.Configurations;

public sealed class ExerciseConfiguration : IEntityTypeConfiguration<Exercise>
{
    public void Configure(EntityTypeBuilder<Exercise> b)
    {
        b.Property(e => e.Slug).HasMaxLength(100);
        b.Property(e => e.Name).HasMaxLength(200);
        b.Property(e => e.Group).HasConversion<string>().HasMaxLength(32);
        b.Property(e => e.Position).HasConversion<string>().HasMaxLength(32);
        b.Property(e => e.Equipment).HasConversion<string>().HasMaxLength(32);
        b.Property(e => e.Targets).HasMaxLength(500);
        b.Property(e => e.VariantNote).HasMaxLength(200);
        b.Property(e => e.SeedHash).HasMaxLength(64);
        b.ComplexProperty(e => e.DefaultDosage, DosageMapping.Configure);
        b.HasOne<Clinic>().WithMany().HasForeignKey(e => e.ClinicId).OnDelete(DeleteBehavior.Restrict);
        // Built-in slugs are unique; a clinic's own slugs are unique within the clinic.
        b.HasIndex(e => new { e.ClinicId, e.Slug }).IsUnique().AreNullsDistinct(false);
        b.HasIndex(e => e.Name).HasMethod("gin").HasOperators("gin_trgm_ops").HasDatabaseName("IX_Exercises_Name_Trgm");
        b.HasMany(e => e.Media).WithOne().HasForeignKey(m => m.ExerciseId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class RoutineTemplateConfiguration : IEntityTypeConfiguration<RoutineTemplate>
{
    public void Configure(EntityTypeBuilder<RoutineTemplate> b)
    {
        b.Property(t => t.Slug).HasMaxLength(100);
        b.Property(t => t.Name).HasMaxLength(200);
        b.Property(t => t.Description).HasMaxLength(2000);
        b.Property(t => t.Condition).HasConversion<string>().HasMaxLength(32);
        b.Property(t => t.SeedHash).HasMaxLength(64);
        b.HasOne<Clinic>().WithMany().HasForeignKey(t => t.ClinicId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(t => new { t.ClinicId, t.Slug }).IsUnique().AreNullsDistinct(false);
        b.HasMany(t => t.Items).WithOne().HasForeignKey(i => i.TemplateId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class RoutineTemplateItemConfiguration : IEntityTypeConfiguration<RoutineTemplateItem>
{
    public void Configure(EntityTypeBuilder<RoutineTemplateItem> b)
    {
        b.Property(i => i.Note).HasMaxLength(1000);
        b.ComplexProperty(i => i.Dosage, DosageMapping.Configure);
        b.HasOne(i => i.Exercise).WithMany().HasForeignKey(i => i.ExerciseId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(i => new { i.TemplateId, i.Position });
    }
}

internal static class DosageMapping
{
    public static void Configure(ComplexPropertyBuilder<Dosage> d)
    {
        d.Property(x => x.Sides).HasConversion<string>().HasMaxLength(16);
    }
}

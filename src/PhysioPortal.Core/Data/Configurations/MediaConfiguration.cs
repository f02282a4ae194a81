using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PhysioPortal.Core.Clinics;
using PhysioPortal.Core.Exercises;
using PhysioPortal.Core.Media;

namespace PhysioPortal.Core.Data.Configurations;

public sealed class ExerciseMediaConfiguration : IEntityTypeConfiguration<ExerciseMedia>
{
    public void Configure(EntityTypeBuilder<ExerciseMedia> b)
    {
        b.Property(m => m.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(m => m.Key).HasMaxLength(64);
        b.Property(m => m.PrintKey).HasMaxLength(64);
        b.Property(m => m.ContentType).HasMaxLength(64);
        b.HasIndex(m => new { m.ExerciseId, m.Kind, m.Position });
    }
}

public sealed class StoredObjectConfiguration : IEntityTypeConfiguration<StoredObject>
{
    public void Configure(EntityTypeBuilder<StoredObject> b)
    {
        b.HasKey(o => o.Key);
        b.Property(o => o.Key).HasMaxLength(64);
        b.Property(o => o.ContentType).HasMaxLength(64);
    }
}

public sealed class StoredObjectChunkConfiguration : IEntityTypeConfiguration<StoredObjectChunk>
{
    public void Configure(EntityTypeBuilder<StoredObjectChunk> b)
    {
        b.HasKey(c => new { c.Key, c.Index });
        b.Property(c => c.Key).HasMaxLength(64);
        // Photos and videos are already compressed; EXTERNAL storage (set in the migration) lets substring() read
        // only the TOAST pieces a range request needs.
    }
}

public sealed class StoredObjectOwnerConfiguration : IEntityTypeConfiguration<StoredObjectOwner>
{
    public void Configure(EntityTypeBuilder<StoredObjectOwner> b)
    {
        b.HasKey(o => new { o.Key, o.ClinicId });
        b.Property(o => o.Key).HasMaxLength(64);
        b.HasOne<StoredObject>().WithMany().HasForeignKey(o => o.Key).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Clinic>().WithMany().HasForeignKey(o => o.ClinicId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class FavouriteConfiguration : IEntityTypeConfiguration<Favourite>
{
    public void Configure(EntityTypeBuilder<Favourite> b)
    {
        b.HasKey(f => new { f.UserId, f.Kind, f.TargetId });
        b.Property(f => f.Kind).HasConversion<string>().HasMaxLength(16);
        b.HasOne<Clinic>().WithMany().HasForeignKey(f => f.ClinicId).OnDelete(DeleteBehavior.Cascade);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PhysioPortal.Core.Clinics;

namespace PhysioPortal.Core.Data.Configurations;

public sealed class ClinicConfiguration : IEntityTypeConfiguration<Clinic>
{
    public void Configure(EntityTypeBuilder<Clinic> b)
    {
        b.Property(c => c.Name).HasMaxLength(200);
        b.Property(c => c.TimeZoneId).HasMaxLength(64);
        b.Property(c => c.PaperSize).HasConversion<string>().HasMaxLength(16);
        b.Property(c => c.Phone).HasMaxLength(40);
        b.Property(c => c.Email).HasMaxLength(254);
        b.Property(c => c.Address).HasMaxLength(300);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PhysioPortal.Core.Clinics;
using PhysioPortal.Core.Identity;
using PhysioPortal.Core.Patients;

namespace PhysioPortal.Core.Data.Configurations;

public sealed class PortalUserConfiguration : IEntityTypeConfiguration<PortalUser>
{
    public void Configure(EntityTypeBuilder<PortalUser> b)
    {
        b.Property(u => u.DisplayName).HasMaxLength(200);
        b.HasOne<Clinic>().WithMany().HasForeignKey(u => u.ClinicId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Patient>().WithMany().HasForeignKey(u => u.PatientId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(u => u.PatientId).IsUnique().HasFilter("\"PatientId\" IS NOT NULL");
        b.HasIndex(u => u.ClinicId);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PhysioPortal.Core.Identity;

namespace PhysioPortal.Core.Data.Configurations;

public sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> b)
    {
        b.Property(s => s.Id).HasMaxLength(64);
        b.Property(s => s.UserId).HasMaxLength(450);
        b.Property(s => s.Device).HasMaxLength(100);
        b.Property(s => s.IpAddress).HasMaxLength(64);
        b.HasIndex(s => s.UserId);
        // Removing an account (erasure) ends its sessions in the same statement.
        b.HasOne<PortalUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class SignInThrottleConfiguration : IEntityTypeConfiguration<SignInThrottle>
{
    public void Configure(EntityTypeBuilder<SignInThrottle> b)
    {
        b.HasKey(t => t.Key);
        b.Property(t => t.Key).HasMaxLength(64);
    }
}

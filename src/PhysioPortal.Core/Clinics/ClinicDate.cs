using Microsoft.EntityFrameworkCore;
using NodaTime;
using PhysioPortal.Core.Data;

namespace PhysioPortal.Core.Clinics;

/// <summary>
/// The clinic's time zone (a known IANA id; UTC when the stored one is unknown) and today's date there
/// (<see cref="LocalDates.ClinicToday"/>): what staff forms start from and check against.
/// </summary>
public sealed record ClinicDate(string TimeZoneId, DateOnly Today)
{
    public static async Task<ClinicDate> ForAsync(PortalDbContext db, Guid clinicId, TimeProvider clock, CancellationToken ct = default)
    {
        var tz = await db.Clinics.Where(c => c.Id == clinicId).Select(c => c.TimeZoneId).FirstOrDefaultAsync(ct) ?? "UTC";
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(tz) ?? DateTimeZone.Utc;
        return new ClinicDate(zone.Id, LocalDates.ClinicToday(zone.Id, clock.GetUtcNow()));
    }
}

using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PhysioPortal.Core.Identity;
using PhysioPortal.Tests.Infrastructure;
using PhysioPortal.Tests.Reminders;

namespace PhysioPortal.Tests.Security;

/// <summary>
/// The session store keeps a session it read for a few seconds (every signed-in request reads one): an ending made in
/// this process takes effect at once, an ending made by another web process (seen here as a row deleted behind the
/// store's back) within <see cref="ServerSideSessions.CacheFor"/>. The HTTP tests of sign-out, password change,
/// erasure and the access matrix run through the same cache.
/// </summary>
[Collection(PortalCollection.Name)]
public class SessionCacheTests(PortalFactory factory)
{
    private readonly FakeClock _clock = FakeClock.At("2026-03-10T09:00:00Z");

    private ServerSideSessions Store() => new(factory.Services.GetRequiredService<IServiceScopeFactory>(), _clock,
        factory.Services.GetRequiredService<IDataProtectionProvider>());

    private async Task<(ServerSideSessions Store, string Key, string UserId)> SignedInAsync()
    {
        var clinic = await factory.ClinicAsync();
        var user = await factory.UserAsync(clinic.Id, Roles.Clinician);
        var store = Store();
        var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, user.Id), new Claim(ClaimTypes.Name, user.Email!)], "test"));
        var ticket = new AuthenticationTicket(principal, new AuthenticationProperties { ExpiresUtc = _clock.Now.AddHours(8) }, IdentityConstants.ApplicationScheme);
        var key = await store.StoreAsync(ticket);
        Assert.Equal(user.Id, (await store.RetrieveAsync(key))?.Principal.FindFirstValue(ClaimTypes.NameIdentifier));
        return (store, key, user.Id);
    }

    private async Task DeleteRowsAsync(string userId)
    {
        await using var s = factory.SystemDb();
        Assert.Equal(1, await s.Db.UserSessions.Where(x => x.UserId == userId).ExecuteDeleteAsync());
    }

    [Fact]
    public async Task A_session_ended_by_another_process_stops_working_here_within_the_cache_window()
    {
        var (store, key, userId) = await SignedInAsync();
        await DeleteRowsAsync(userId); // another web process signed it out

        _clock.Advance(ServerSideSessions.CacheFor - TimeSpan.FromMilliseconds(1));
        Assert.NotNull(await store.RetrieveAsync(key)); // still trusted from the read a moment ago: the cache is used
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Null(await store.RetrieveAsync(key));
    }

    [Fact]
    public async Task Signing_out_in_this_process_takes_effect_at_once()
    {
        var (store, key, _) = await SignedInAsync();
        await store.RemoveAsync(key);
        Assert.Null(await store.RetrieveAsync(key));
    }

    [Fact]
    public async Task Ending_every_session_of_an_account_in_this_process_takes_effect_at_once()
    {
        var (store, key, userId) = await SignedInAsync();
        await using (var s = factory.SystemDb())
        {
            Assert.Equal(1, await new UserSessions(s.Db, _clock, store).EndAllAsync(userId));
        }
        Assert.Null(await store.RetrieveAsync(key));
    }

    [Fact]
    public async Task An_expired_session_is_refused_even_from_the_cache()
    {
        var (store, key, _) = await SignedInAsync();
        var expiring = await store.RetrieveAsync(key);
        Assert.NotNull(expiring);
        await using (var s = factory.SystemDb())
        {
            await s.Db.UserSessions.Where(x => x.Id == ServerSideSessions.IdFor(key))
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.ExpiresAt, _clock.Now + ServerSideSessions.CacheFor + TimeSpan.FromSeconds(1)));
        }
        _clock.Advance(ServerSideSessions.CacheFor); // read again: now with the short expiry
        Assert.NotNull(await store.RetrieveAsync(key));
        _clock.Advance(TimeSpan.FromSeconds(2)); // within the window, but past the expiry the cache holds
        Assert.Null(await store.RetrieveAsync(key));
    }
}

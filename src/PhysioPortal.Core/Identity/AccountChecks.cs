using Microsoft.AspNetCore.Identity;

namespace PhysioPortal.Core.Identity;

/// <summary>
/// Checks a password or an authenticator code of a signed-in (or half signed-in) account, under the account's growing
/// delay (<see cref="AccountThrottle"/>): every place that asks for one uses this, so all tries count together.
/// </summary>
public sealed class AccountChecks(UserManager<PortalUser> users, AccountThrottle throttle)
{
    /// <summary>Right, wrong, or not checked because the account must wait first.</summary>
    public sealed record Outcome(bool Ok, TimeSpan Wait)
    {
        public bool MustWait => Wait > TimeSpan.Zero;
        public string WaitMessage => AccountChecks.WaitMessage(Wait);
    }

    public static string WaitMessage(TimeSpan wait) =>
        $"Too many wrong tries for this account. Wait {AccountThrottle.Describe(wait)} and try again.";

    public Task<Outcome> PasswordAsync(PortalUser user, string password) =>
        CheckAsync(user, () => users.CheckPasswordAsync(user, password));

    /// <summary>A 6-digit code of the authenticator app (spaces and dashes allowed).</summary>
    public Task<Outcome> CodeAsync(PortalUser user, string code) =>
        CheckAsync(user, () => users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, Digits(code)));

    /// <summary>Either: a 6-digit code when it looks like one, else the password.</summary>
    public Task<Outcome> PasswordOrCodeAsync(PortalUser user, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var digits = Digits(value);
        return digits.Length == 6 && digits.All(char.IsAsciiDigit) ? CodeAsync(user, digits) : PasswordAsync(user, value);
    }

    public static string Digits(string code) => (code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);

    private async Task<Outcome> CheckAsync(PortalUser user, Func<Task<bool>> check)
    {
        ArgumentNullException.ThrowIfNull(user);
        var email = user.Email ?? user.UserName ?? user.Id;
        var wait = await throttle.WaitAsync(email);
        if (wait > TimeSpan.Zero) return new Outcome(false, wait);
        if (await check())
        {
            await throttle.SucceededAsync(email);
            return new Outcome(true, TimeSpan.Zero);
        }
        await throttle.FailedAsync(email);
        return new Outcome(false, TimeSpan.Zero);
    }
}

namespace PhysioPortal.Core.Identity;

/// <summary>
/// One signed-in browser: the sign-in ticket kept on the server (the cookie carries only a random key, whose hash is
/// <see cref="Id"/>). Deleting the row ends the session at once, on its next request.
/// </summary>
public class UserSession
{
    /// <summary>SHA-256 of the key in the cookie (hex): a copy of this table cannot be turned back into cookies.</summary>
    public required string Id { get; set; }

    public required string UserId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset LastSeenAt { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }

    /// <summary>The serialized sign-in ticket, encrypted with Data Protection (it holds the user's claims).</summary>
    public required byte[] Ticket { get; set; }

    /// <summary>The browser, shortened ("Firefox on Linux"), for the list of sessions.</summary>
    public string? Device { get; set; }

    public string? IpAddress { get; set; }
}

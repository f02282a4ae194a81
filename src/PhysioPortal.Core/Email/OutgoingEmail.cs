namespace PhysioPortal.Core.Email;

/// <summary>One email ready to send: plain text and HTML bodies, optional headers and attachments.</summary>
public sealed record OutgoingEmail(string ToAddress, string ToName, string Subject, string TextBody, string HtmlBody)
{
    public string? FromName { get; init; }

    /// <summary>
    /// The Message-ID to send with (without angle brackets). Scheduled emails use one derived from their row, so a copy
    /// can always be traced back to its row; when null a random one is made.
    /// </summary>
    public string? MessageId { get; init; }

    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
    public IReadOnlyList<EmailAttachment> Attachments { get; init; } = [];
}

public sealed record EmailAttachment(string FileName, string ContentType, byte[] Content);

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace PhysioPortal.Core.Email;

/// <summary>
/// Sends email over SMTP with MailKit. <see cref="SendAsync"/> sends one email on its own connection;
/// <see cref="OpenBatch"/> gives a connection that is reused for many emails (the scheduled-email sender).
/// </summary>
public sealed class SmtpMailer(IOptions<EmailOptions> options, ILogger<SmtpMailer> logger)
{
    public EmailOptions Options => options.Value;

    /// <summary>Sends one email and returns the Message-ID it was sent with.</summary>
    public async Task<string> SendAsync(OutgoingEmail email, CancellationToken ct = default)
    {
        await using var batch = OpenBatch();
        return await batch.SendAsync(email, ct: ct);
    }

    /// <summary>A connection to the SMTP server, opened on the first email and kept open until disposed.</summary>
    public SmtpBatch OpenBatch() => new(options.Value, logger);

    /// <summary>
    /// The MIME message for an email: multipart/alternative text + HTML, attachments, extra headers, Auto-Submitted,
    /// and a DKIM signature when DKIM is configured. A value that would not fit on one header line (a name or subject
    /// with a line break, an address that is not one mailbox) is refused with <see cref="UnsendableEmailException"/>
    /// before anything is sent: never a header split in two.
    /// </summary>
    public static MimeMessage BuildMessage(OutgoingEmail email, EmailOptions o)
    {
        ArgumentNullException.ThrowIfNull(email);
        ArgumentNullException.ThrowIfNull(o);
        UnsendableEmailException.CheckAddress(email.ToAddress, "recipient's address");
        UnsendableEmailException.CheckLine(email.ToName, "recipient's name");
        UnsendableEmailException.CheckLine(email.FromName ?? o.FromName, "sender's name (the clinic's name)");
        UnsendableEmailException.CheckLine(email.Subject, "subject");
        foreach (var (name, value) in email.Headers) UnsendableEmailException.CheckLine(value, $"{name} header");
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(email.FromName ?? o.FromName, o.FromAddress));
        message.To.Add(new MailboxAddress(email.ToName, email.ToAddress));
        message.Subject = email.Subject;
        message.MessageId = email.MessageId ?? MimeKit.Utils.MimeUtils.GenerateMessageId(DomainOf(o.FromAddress));
        foreach (var (name, value) in email.Headers)
        {
            message.Headers.Add(name, value);
        }
        // Every email the portal sends is automatic (RFC 3834): auto-replies and out-of-office answers stay away.
        if (!message.Headers.Contains("Auto-Submitted")) message.Headers.Add("Auto-Submitted", "auto-generated");
        var body = new BodyBuilder { TextBody = email.TextBody, HtmlBody = email.HtmlBody };
        foreach (var a in email.Attachments)
        {
            body.Attachments.Add(a.FileName, a.Content, ContentType.Parse(a.ContentType));
        }
        message.Body = body.ToMessageBody();
        DkimSigning.SignIfConfigured(message, o);
        return message;
    }

    /// <summary>The domain of the sender address, for Message-IDs.</summary>
    public static string DomainOf(string address) =>
        MailboxAddress.TryParse(address, out var mailbox) && mailbox.Domain is { Length: > 0 } domain ? domain : "physioportal.local";
}

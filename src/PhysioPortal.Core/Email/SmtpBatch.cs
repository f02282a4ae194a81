using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;

namespace PhysioPortal.Core.Email;

/// <summary>
/// One SMTP connection reused for many emails: connected (and authenticated) on the first send, kept open, closed
/// politely on dispose. After an error call <see cref="ResetAsync"/>: the next send reconnects.
/// </summary>
public sealed class SmtpBatch(EmailOptions options, ILogger logger) : IAsyncDisposable
{
    private DataAwareClient? _client;

    /// <summary>Emails sent on this batch (for logs and benchmarks).</summary>
    public int Sent { get; private set; }

    /// <param name="dataStarting">
    /// Called once the server accepted the recipient, before the content is sent (the transaction reaches DATA):
    /// returning false stops this email (<see cref="SendStoppedException"/>) and drops the connection, so the server
    /// never gets a complete message.
    /// </param>
    public async Task<string> SendAsync(OutgoingEmail email, Func<bool>? dataStarting = null, CancellationToken ct = default)
    {
        var message = SmtpMailer.BuildMessage(email, options);
        if (string.IsNullOrWhiteSpace(options.SmtpHost))
        {
            if (dataStarting is not null && !dataStarting()) throw new SendStoppedException();
            logger.LogWarning("No SMTP host configured (Email:SmtpHost); email to {To} not sent. Subject: {Subject}\n{Body}",
                email.ToAddress, email.Subject, email.TextBody);
            Sent++;
            return message.MessageId ?? "";
        }
        var client = await ConnectedAsync(ct);
        client.DataStarting = dataStarting;
        try
        {
            await client.SendAsync(message, ct);
        }
        catch (SendStoppedException)
        {
            await ResetAsync();
            throw;
        }
        finally
        {
            client.DataStarting = null;
        }
        Sent++;
        return message.MessageId ?? "";
    }

    /// <summary>Opens the connection now (so a test email can tell "cannot connect" from "refused the message").</summary>
    public async Task ConnectAsync(CancellationToken ct = default)
    {
        if (!string.IsNullOrWhiteSpace(options.SmtpHost)) await ConnectedAsync(ct);
    }

    /// <summary>Drops the connection after an error; the next send opens a new one.</summary>
    public async Task ResetAsync()
    {
        var client = _client;
        _client = null;
        if (client is null) return;
        try
        {
            if (client.IsConnected) await client.DisconnectAsync(true, CancellationToken.None);
        }
        catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or MailKit.ProtocolException or MailKit.CommandException or OperationCanceledException)
        {
            // The connection is already broken; nothing to close politely.
        }
        finally
        {
            client.Dispose();
        }
    }

    public async ValueTask DisposeAsync() => await ResetAsync();

    private async Task<DataAwareClient> ConnectedAsync(CancellationToken ct)
    {
        if (_client is { IsConnected: true } open) return open;
        await ResetAsync();
        var client = new DataAwareClient { Timeout = Math.Max(1, options.TimeoutSeconds) * 1000 };
        try
        {
            var secure = options.EffectiveTls switch
            {
                SmtpTls.StartTls => SecureSocketOptions.StartTls,
                SmtpTls.SslOnConnect => SecureSocketOptions.SslOnConnect,
                _ => SecureSocketOptions.None,
            };
            await client.ConnectAsync(options.SmtpHost!, options.SmtpPort, secure, ct);
            if (!string.IsNullOrEmpty(options.UserName))
            {
                await client.AuthenticateAsync(options.UserName, options.Password ?? "", ct);
            }
        }
        catch
        {
            client.Dispose();
            throw;
        }
        _client = client;
        return client;
    }

    /// <summary>MailKit's client, telling the caller when a transaction's recipient is accepted (its DATA is next).</summary>
    private sealed class DataAwareClient : SmtpClient
    {
        public Func<bool>? DataStarting { get; set; }

        protected override void OnRecipientAccepted(MimeKit.MimeMessage message, MimeKit.MailboxAddress mailbox, SmtpResponse response)
        {
            base.OnRecipientAccepted(message, mailbox, response);
            var starting = DataStarting;
            DataStarting = null; // once per email, whatever the number of recipients
            if (starting is not null && !starting()) throw new SendStoppedException();
        }
    }
}

/// <summary>The caller stopped an email before its content was sent (its claim on the email was gone).</summary>
public sealed class SendStoppedException() : Exception("The email was stopped before its content was sent.");


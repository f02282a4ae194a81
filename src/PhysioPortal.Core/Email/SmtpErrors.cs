using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace PhysioPortal.Core.Email;

/// <summary>SMTP failures in plain words for admins, and which of them are worth retrying.</summary>
public static class SmtpErrors
{
    /// <summary>True for a failure that sending again later cannot fix (the server refused this recipient or message).</summary>
    public static bool IsPermanent(Exception ex) =>
        ex is UnsendableEmailException ||
        ex is SmtpCommandException { StatusCode: var code, ErrorCode: SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.MessageNotAccepted }
        && (int)code >= 500;

    /// <summary>True for the exceptions a send can fail with (as opposed to a bug in our code).</summary>
    public static bool IsSmtpFailure(Exception ex) =>
        ex is UnsendableEmailException or IOException or SocketException or ProtocolException or CommandException or SslHandshakeException
            or MailKit.Security.AuthenticationException or System.Security.Authentication.AuthenticationException or TimeoutException or ServiceNotConnectedException or ServiceNotAuthenticatedException;

    public static string Describe(Exception ex, EmailOptions o)
    {
        var server = $"{o.SmtpHost}:{o.SmtpPort}";
        var text = ex switch
        {
            UnsendableEmailException u => u.Message,
            SocketException { SocketErrorCode: SocketError.ConnectionRefused } => $"Could not connect to the mail server {server}: the connection was refused (is it running, is the port right?).",
            SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData } => $"The mail server name \"{o.SmtpHost}\" could not be found.",
            SocketException { SocketErrorCode: SocketError.TimedOut } => $"The mail server {server} did not answer in time.",
            SocketException s => $"Network error talking to the mail server {server}: {s.Message}",
            SslHandshakeException => $"The secure (TLS) connection to {server} failed: check the TLS mode ({o.EffectiveTls}) and the port.",
            MailKit.Security.AuthenticationException => $"The mail server {server} refused the user name or password.",
            SmtpCommandException { ErrorCode: SmtpErrorCode.RecipientNotAccepted } c => $"The mail server refused the recipient address ({(int)c.StatusCode}): {c.Message}",
            SmtpCommandException { ErrorCode: SmtpErrorCode.SenderNotAccepted } c => $"The mail server refused the sender address {o.FromAddress} ({(int)c.StatusCode}): {c.Message}",
            SmtpCommandException c => $"The mail server refused the message ({(int)c.StatusCode}): {c.Message}",
            SmtpProtocolException p => $"The mail server {server} broke the SMTP conversation: {p.Message}",
            IOException io => $"The connection to the mail server {server} was lost: {io.Message}",
            TimeoutException or OperationCanceledException => $"The mail server {server} did not answer in time.",
            _ => $"{ex.GetType().Name}: {ex.Message}",
        };
        return text.Length > 1900 ? text[..1900] : text;
    }
}

using System.Collections.Concurrent;
using System.Security.Cryptography;
using MimeKit;
using MimeKit.Cryptography;

namespace PhysioPortal.Core.Email;

/// <summary>
/// DKIM signatures (RFC 6376) with MailKit's signer: relaxed/relaxed, RSA-SHA256, over the headers a receiver checks
/// (including List-Unsubscribe and List-Unsubscribe-Post, which one-click unsubscribe requires to be signed). On when
/// Email:DkimSelector and Email:DkimPrivateKeyFile are set; in Development the key is created on first use.
/// </summary>
public static class DkimSigning
{
    public static readonly string[] SignedHeaders =
    [
        "From", "To", "Subject", "Date", "Message-ID", "MIME-Version", "Content-Type", "Auto-Submitted",
        "List-Unsubscribe", "List-Unsubscribe-Post",
    ];

    private static readonly ConcurrentDictionary<(string File, string Domain, string Selector), (DkimSigner Signer, Lock Gate)> Signers = new();

    public static bool IsConfigured(EmailOptions o) =>
        !string.IsNullOrWhiteSpace(o.DkimSelector) && !string.IsNullOrWhiteSpace(o.DkimPrivateKeyFile);

    /// <summary>Signs the message when DKIM is configured; the message must be complete (nothing changes after).</summary>
    public static void SignIfConfigured(MimeMessage message, EmailOptions o)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(o);
        if (!IsConfigured(o)) return;
        var file = o.DkimPrivateKeyFile!;
        if (o.DkimCreateKey && !File.Exists(file)) CreateKey(file);
        var domain = string.IsNullOrWhiteSpace(o.DkimDomain) ? o.FromDomain : o.DkimDomain.Trim();
        var (signer, gate) = Signers.GetOrAdd((file, domain, o.DkimSelector!.Trim()), key => (new DkimSigner(key.File, key.Domain, key.Selector, DkimSignatureAlgorithm.RsaSha256)
        {
            HeaderCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
            BodyCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
            AgentOrUserIdentifier = "@" + key.Domain,
            QueryMethod = "dns/txt",
        }, new Lock()));
        message.Prepare(EncodingConstraint.SevenBit);
        lock (gate)
        {
            signer.Sign(message, SignedHeaders);
        }
    }

    /// <summary>Creates a 2048-bit RSA key as a PEM file (PKCS#1), readable by its owner only.</summary>
    public static void CreateKey(string file)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        using var rsa = RSA.Create(2048);
        File.WriteAllText(file, rsa.ExportRSAPrivateKeyPem());
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    /// <summary>The DNS TXT record to publish at SELECTOR._domainkey.DOMAIN for a private key file.</summary>
    public static string DnsRecord(string privateKeyFile)
    {
        using var rsa = RSA.Create();
        rsa.ImportFromPem(File.ReadAllText(privateKeyFile));
        return "v=DKIM1; k=rsa; p=" + Convert.ToBase64String(rsa.ExportSubjectPublicKeyInfo());
    }
}

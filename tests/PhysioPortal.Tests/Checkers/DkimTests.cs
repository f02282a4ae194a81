using System.Security.Cryptography;
using MimeKit;
using MimeKit.Cryptography;
using Org.BouncyCastle.Crypto;
using PhysioPortal.Core.Email;

namespace PhysioPortal.Tests.Checkers;

/// <summary>DKIM signing with MailKit's signer, checked by MailKit's verifier against the published DNS record.</summary>
public class DkimTests
{
    [Fact]
    public async Task A_configured_key_signs_every_email_and_the_signature_verifies_against_the_dns_record()
    {
        var dir = Directory.CreateTempSubdirectory("dkim-");
        try
        {
            var options = new EmailOptions
            {
                FromAddress = "no-reply@clinic.example.org",
                DkimSelector = "portal2026",
                DkimPrivateKeyFile = Path.Combine(dir.FullName, "keys", "private.pem"),
                DkimCreateKey = true, // as in Development: the key is made on first use
            };
            var email = new OutgoingEmail("patient@example.org", "Pat Example", "Time for your exercises", "Hello\n\nUnsubscribe: https://portal.example.org/unsubscribe/x",
                "<!DOCTYPE html><html lang=\"en\"><head><title>x</title></head><body><p>Hello</p></body></html>")
            {
                Headers = new Dictionary<string, string> { ["List-Unsubscribe"] = "<https://portal.example.org/unsubscribe/x>", ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click" },
            };

            var message = SmtpMailer.BuildMessage(email, options);

            var signature = message.Headers[HeaderId.DkimSignature];
            Assert.NotNull(signature);
            Assert.Contains("d=clinic.example.org", signature, StringComparison.Ordinal);
            Assert.Contains("s=portal2026", signature, StringComparison.Ordinal);
            Assert.Contains("list-unsubscribe-post", signature, StringComparison.OrdinalIgnoreCase);
            Assert.Equal("auto-generated", message.Headers["Auto-Submitted"]);

            // What a receiver does: read the message as it travels, look the key up in DNS, verify.
            using var wire = new MemoryStream();
            await message.WriteToAsync(wire);
            wire.Position = 0;
            var received = await MimeMessage.LoadAsync(wire);
            var record = DkimSigning.DnsRecord(options.DkimPrivateKeyFile);
            var verifier = new DkimVerifier(new RecordLocator("portal2026._domainkey.clinic.example.org", record));
            var index = received.Headers.IndexOf(HeaderId.DkimSignature);
            Assert.True(await verifier.VerifyAsync(received, received.Headers[index]), "the DKIM signature does not verify");

            // Changing the body after signing breaks it.
            var tampered = await MimeMessage.LoadAsync(new MemoryStream(wire.ToArray().Select(b => b == (byte)'H' ? (byte)'J' : b).ToArray()));
            Assert.False(await verifier.VerifyAsync(tampered, tampered.Headers[tampered.Headers.IndexOf(HeaderId.DkimSignature)]));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Without_a_selector_and_key_nothing_is_signed()
    {
        var message = SmtpMailer.BuildMessage(new OutgoingEmail("a@example.org", "A", "s", "t", "<!DOCTYPE html><html lang=\"en\"><head><title>t</title></head><body></body></html>"),
            new EmailOptions { FromAddress = "no-reply@clinic.example.org" });
        Assert.False(message.Headers.Contains(HeaderId.DkimSignature));
    }

    [Theory]
    [InlineData("no-reply@physioportal.local", false)]
    [InlineData("no-reply@localhost", false)]
    [InlineData("reminders@riverside-physio.ie", true)]
    public void Production_refuses_a_sender_that_cannot_pass_spf_and_dmarc(string from, bool fine) =>
        Assert.Equal(fine, new EmailOptions { FromAddress = from }.ProductionProblem() is null);

    /// <summary>The DNS answer for one selector, as a resolver would give it.</summary>
    private sealed class RecordLocator(string name, string record) : DkimPublicKeyLocatorBase
    {
        public override AsymmetricKeyParameter LocatePublicKey(string methods, string domain, string selector, CancellationToken cancellationToken = default)
        {
            Assert.Equal(name, $"{selector}._domainkey.{domain}");
            return GetPublicKey(record);
        }

        public override Task<AsymmetricKeyParameter> LocatePublicKeyAsync(string methods, string domain, string selector, CancellationToken cancellationToken = default) =>
            Task.FromResult(LocatePublicKey(methods, domain, selector, cancellationToken));
    }
}

using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using PhysioPortal.Tests.Infrastructure;

namespace PhysioPortal.Tests.Security;

/// <summary>
/// Data Protection keys (which sign cookies and reset links) are stored encrypted with a certificate from configuration;
/// a production start without one is refused with a message that says how to make it.
/// </summary>
[Collection(PortalCollection.Name)]
public class KeyProtectionTests(PortalFactory factory)
{
    [Fact]
    public async Task The_stored_keys_are_encrypted_with_the_certificate()
    {
        // Using a form makes sure a key exists.
        Assert.Equal(System.Net.HttpStatusCode.OK, (await factory.Client().GetAsync("/Identity/Account/Login")).StatusCode);
        await using var s = factory.SystemDb();
        var keys = await s.Db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync();
        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.Contains("<encryptedSecret", xml, StringComparison.Ordinal);
            Assert.Contains("EncryptedXmlDecryptor", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("unencrypted form", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
        });
    }

    private sealed class ProductionWithoutCertificate : PortalFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
        }
    }

    [Fact]
    public void Production_refuses_to_start_without_a_key_certificate_and_says_how_to_make_one()
    {
        using var production = new ProductionWithoutCertificate();
        var error = Assert.ThrowsAny<Exception>(() => production.Services);
        var text = error.ToString();
        Assert.Contains("Security:DataProtection:CertificatePath", text, StringComparison.Ordinal);
        Assert.Contains("openssl req -x509", text, StringComparison.Ordinal);
    }
}

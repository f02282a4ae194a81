using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PhysioPortal.Web.Extensions;

/// <summary>
/// The certificate that encrypts the Data Protection keys where they are stored (PostgreSQL): without it, anyone with a
/// database backup could forge sign-in cookies and reset links. Configured as a PKCS#12 (.pfx) file; development and
/// tests make one of their own under <c>.data/</c>; production refuses to start without one.
/// </summary>
public static class KeyProtection
{
    public const string PathKey = "Security:DataProtection:CertificatePath";
    public const string PasswordKey = "Security:DataProtection:CertificatePassword";

    public static readonly string MissingMessage =
        "No certificate to encrypt the Data Protection keys (Security:DataProtection:CertificatePath). Without it anyone " +
        "with a copy of the database could forge sign-in cookies, so the portal does not start. Make one (once, and keep it " +
        "with your backups, apart from the database):\n" +
        "  openssl req -x509 -newkey rsa:3072 -sha256 -days 3650 -nodes -subj \"/CN=PhysioPortal Data Protection\" -keyout dp.key -out dp.crt\n" +
        "  openssl pkcs12 -export -inkey dp.key -in dp.crt -out dataprotection.pfx -passout pass:YOUR-PASSWORD && rm dp.key dp.crt\n" +
        "then set Security__DataProtection__CertificatePath=/path/to/dataprotection.pfx and " +
        "Security__DataProtection__CertificatePassword=YOUR-PASSWORD in the environment.";

    /// <summary>
    /// The configured certificate; in development and tests, one made (once) under <c>.data/</c> when none is configured;
    /// null in production when none is configured (the app then refuses to start, see <see cref="MissingMessage"/>).
    /// </summary>
    public static X509Certificate2? Load(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var path = configuration[PathKey];
        var password = configuration[PasswordKey];
        if (string.IsNullOrWhiteSpace(path))
        {
            if (!environment.IsDevelopment() && !environment.IsEnvironment("Testing")) return null;
            path = Path.Combine(environment.ContentRootPath, ".data", "dataprotection-development.pfx");
            if (!File.Exists(path)) CreateDevelopmentCertificate(path);
            password = null;
        }
        if (!File.Exists(path))
            throw new InvalidOperationException($"The Data Protection certificate {path} ({PathKey}) does not exist.\n{MissingMessage}");
        try
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet);
            if (!certificate.HasPrivateKey) throw new InvalidOperationException($"The certificate {path} has no private key: export it with its key (a .pfx).");
            return certificate;
        }
        catch (CryptographicException ex)
        {
            throw new InvalidOperationException($"The Data Protection certificate {path} could not be read (wrong {PasswordKey}?): {ex.Message}", ex);
        }
    }

    /// <summary>A self-signed RSA certificate for development, written atomically (two hosts starting at once agree).</summary>
    private static void CreateDevelopmentCertificate(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var rsa = RSA.Create(3072);
        var request = new CertificateRequest("CN=PhysioPortal Data Protection (development)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(10));
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        File.WriteAllBytes(temporary, certificate.Export(X509ContentType.Pkcs12));
        try
        {
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary); // another host made it first: use theirs
        }
    }
}

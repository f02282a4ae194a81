using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PhysioPortal.Tests.Infrastructure;

/// <summary>
/// Debian's nginx as a child process of the test (not a daemon): its own configuration, prefix, certificate and logs in
/// a temporary folder, listening with TLS on a free port of the loopback. <c>./portal test</c> installs nginx-light.
/// </summary>
public sealed class Nginx : IAsyncDisposable
{
    private const string Binary = "/usr/sbin/nginx";

    private readonly Process _process;

    private Nginx(Process process, string folder, int port)
    {
        _process = process;
        Folder = folder;
        Port = port;
    }

    /// <summary>The temporary folder: nginx.conf, cert.pem, key.pem, error.log.</summary>
    public string Folder { get; }

    public int Port { get; }

    /// <summary>https://localhost:port (the certificate is made out to localhost).</summary>
    public Uri Url => new($"https://localhost:{Port}");

    /// <summary>
    /// Starts nginx with an http block made of <paramref name="httpBlock"/> (called with the folder and the port to
    /// listen on; TLS with <c>{folder}/cert.pem</c> and <c>{folder}/key.pem</c>) and waits until it accepts connections.
    /// </summary>
    public static async Task<Nginx> StartAsync(Func<string, int, string> httpBlock)
    {
        if (!File.Exists(Binary))
            throw new InvalidOperationException("These tests run Debian's nginx, which is missing: sudo apt-get install -y nginx-light (./portal test does it when run as root).");
        var folder = Directory.CreateTempSubdirectory("portal-nginx-").FullName;
        WriteCertificate(folder);
        var port = FreePort();
        var root = Environment.UserName == "root" ? "user root;" : "";
        await File.WriteAllTextAsync(Path.Combine(folder, "nginx.conf"), $$"""
            {{root}}
            worker_processes 1;
            daemon off;
            pid {{folder}}/nginx.pid;
            error_log {{folder}}/error.log;
            events { worker_connections 512; }
            http {
                access_log off;
            {{TempPaths(folder)}}
            {{httpBlock(folder, port)}}
            }
            """);
        var process = Process.Start(new ProcessStartInfo(Binary, ["-e", Path.Combine(folder, "error.log"), "-p", folder, "-c", Path.Combine(folder, "nginx.conf")])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        var nginx = new Nginx(process, folder, port);
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return nginx;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(50);
            }
            catch (SocketException)
            {
                var log = nginx.ErrorLog();
                await nginx.DisposeAsync();
                throw new InvalidOperationException($"nginx did not start: {log}");
            }
        }
    }

    /// <summary>nginx's temporary folders inside <paramref name="folder"/> (lines of an http block).</summary>
    public static string TempPaths(string folder) => $"""
            client_body_temp_path {folder}/body;
            proxy_temp_path {folder}/proxy;
            fastcgi_temp_path {folder}/fastcgi;
            uwsgi_temp_path {folder}/uwsgi;
            scgi_temp_path {folder}/scgi;
        """;

    public string ErrorLog()
    {
        var path = Path.Combine(Folder, "error.log");
        return File.Exists(path) ? File.ReadAllText(path) : "";
    }

    /// <summary>
    /// A connection handler to nginx over TLS from <paramref name="clientAddress"/> (127.0.0.x: each test its own client,
    /// as the proxy and the portal see it), keeping cookies, without following redirects.
    /// </summary>
    public static SocketsHttpHandler Handler(string clientAddress) => new()
    {
        AllowAutoRedirect = false,
        UseCookies = true,
        CookieContainer = new CookieContainer(),
        SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
        ConnectCallback = async (context, ct) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(IPAddress.Parse(clientAddress), 0));
            await socket.ConnectAsync(IPAddress.Loopback, context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        },
    };

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void WriteCertificate(string folder)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        File.WriteAllText(Path.Combine(folder, "cert.pem"), certificate.ExportCertificatePem());
        File.WriteAllText(Path.Combine(folder, "key.pem"), rsa.ExportPkcs8PrivateKeyPem());
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        Directory.Delete(Folder, recursive: true);
    }
}

using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;
using PhysioPortal.Core.Data;

namespace PhysioPortal.Web.Extensions;

/// <summary>Security settings, bound from the "Security" section.</summary>
public sealed class SecurityOptions
{
    public const string Section = "Security";

    /// <summary>Attempts per client address and minute on sign-in, password reset, invitation and one-tap pages.</summary>
    public int SensitivePermitsPerMinute { get; set; } = 10;

    /// <summary>
    /// Email addresses of platform operators: the only accounts that open the Hangfire dashboard (it shows every clinic's
    /// jobs). None by default.
    /// </summary>
    public List<string> PlatformOperators { get; set; } = [];

    /// <summary>Reverse proxies whose X-Forwarded-For / -Proto headers are believed (IP addresses). None by default.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks of such proxies, in CIDR notation ("10.0.0.0/8"). None by default.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>Host names accepted besides the one of Portal:PublicUrl (e.g. a second domain). Requests for any other host get 400.</summary>
    public List<string> ExtraHosts { get; set; } = [];
}

public static class SecurityExtensions
{
    /// <summary>The paths whose POSTs (and one-tap GETs) are rate limited: where passwords and tokens are tried.</summary>
    private static readonly string[] SensitivePrefixes =
    [
        "/identity/account/login", "/identity/account/forgotpassword", "/identity/account/resetpassword",
        "/identity/account/loginwith2fa", "/invite/", "/log/", "/unsubscribe/", "/questionnaire/",
    ];

    /// <summary>Rate limiting and Data Protection keys in PostgreSQL (cookies and tokens survive restarts and work across instances).</summary>
    public static WebApplicationBuilder AddPortalSecurity(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(SecurityOptions.Section).Get<SecurityOptions>() ?? new SecurityOptions();
        builder.Services.Configure<SecurityOptions>(builder.Configuration.GetSection(SecurityOptions.Section));
        var dataProtection = builder.Services.AddDataProtection()
            .SetApplicationName("PhysioPortal")
            .PersistKeysToDbContext<PortalDbContext>();
        // Keys are encrypted at rest with the configured certificate; without one, production does not start (see UsePortalSecurityHeaders).
        var certificate = KeyProtection.Load(builder.Configuration, builder.Environment);
        if (certificate is not null) dataProtection.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
        else builder.Services.AddSingleton(new MissingKeyCertificate());

        builder.AddPortalHostsAndProxies(options);

        builder.Services.AddRateLimiter(o =>
        {
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var path = context.Request.Path.Value?.ToLowerInvariant() ?? "";
                var prefix = SensitivePrefixes.FirstOrDefault(path.StartsWith) ?? PasswordHandler(context, path);
                if (prefix is null || (HttpMethods.IsGet(context.Request.Method) && prefix != "/log/"))
                {
                    return RateLimitPartition.GetNoLimiter("");
                }
                var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                return RateLimitPartition.GetFixedWindowLimiter($"{prefix}|{client}", _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = options.SensitivePermitsPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                });
            });
            o.OnRejected = async (context, ct) =>
            {
                var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? (int)Math.Ceiling(retry.TotalSeconds) : 60;
                var response = context.HttpContext.Response;
                response.StatusCode = StatusCodes.Status429TooManyRequests;
                response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                response.ContentType = "text/html; charset=utf-8";
                await response.WriteAsync(TooManyAttemptsPage(seconds), ct);
            };
        });
        return builder;
    }

    /// <summary>Security headers on every response; rate limiting.</summary>
    public static WebApplication UsePortalSecurityHeaders(this WebApplication app)
    {
        if (app.Services.GetService<MissingKeyCertificate>() is not null) throw new InvalidOperationException(KeyProtection.MissingMessage);
        var production = !app.Environment.IsDevelopment() && !app.Environment.IsEnvironment("Testing");
        // Behind a configured proxy: the client's address and scheme, before anything reads them (rate limits, audit, cookies).
        app.UseForwardedHeaders();
        app.Use(async (context, next) =>
        {
            // The Hangfire dashboard ships inline scripts and styles; it is admin-only and gets a looser policy.
            // Read the path now: inside the dashboard's branch Path is "/" and PathBase "/admin/jobs".
            var dashboard = context.Request.Path.StartsWithSegments("/admin/jobs");
            context.Response.OnStarting(() =>
            {
                var h = context.Response.Headers;
                // Chrome's built-in PDF viewer is blocked by object-src/style-src on the PDF itself (crbug 271452):
                // a PDF carries no script, so it only gets the framing rule.
                var pdf = context.Response.ContentType?.StartsWith("application/pdf", StringComparison.OrdinalIgnoreCase) == true;
                h.ContentSecurityPolicy = pdf ? "frame-ancestors 'none'"
                    : dashboard
                    ? "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
                    : "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";
                h.XContentTypeOptions = "nosniff";
                h["Referrer-Policy"] = "no-referrer"; // tokens travel in URLs
                h.XFrameOptions = "DENY";
                h["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
                h["Cross-Origin-Opener-Policy"] = "same-origin";
                return Task.CompletedTask;
            });
            await next();
        });
        if (production)
        {
            app.UseHsts();
        }
        app.UseRateLimiter();
        return app;
    }

    /// <summary>
    /// Only the portal's own host names are answered (a forged Host header never reaches a redirect or a link); forwarded
    /// headers are believed only from configured proxies; cookies are Secure outside development; no Server header.
    /// </summary>
    private static void AddPortalHostsAndProxies(this WebApplicationBuilder builder, SecurityOptions options)
    {
        var development = builder.Environment.IsDevelopment() || builder.Environment.IsEnvironment("Testing");
        var publicUrl = builder.Configuration[$"{PortalOptions.Section}:PublicUrl"] ?? new PortalOptions().PublicUrl;
        var hosts = new List<string>(options.ExtraHosts);
        if (Uri.TryCreate(publicUrl, UriKind.Absolute, out var uri)) hosts.Add(uri.IdnHost);
        if (development) hosts.AddRange(["localhost", "127.0.0.1", "[::1]"]);
        builder.Services.PostConfigure<Microsoft.AspNetCore.HostFiltering.HostFilteringOptions>(o =>
        {
            o.AllowedHosts = hosts.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            o.AllowEmptyHosts = false;
            o.IncludeFailureMessage = false;
        });

        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.ForwardLimit = 1;
            // Nothing is believed by default (ASP.NET Core would believe loopback): only what is configured.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in options.KnownProxies) o.KnownProxies.Add(IPAddress.Parse(proxy));
            foreach (var network in options.KnownNetworks) o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        });

        builder.Services.Configure<CookiePolicyOptions>(o => o.Secure = development ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always);
        builder.Services.ConfigureApplicationCookie(o => o.Cookie.SecurePolicy = development ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always);
        builder.Services.AddAntiforgery(o => o.Cookie.SecurePolicy = development ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always);
        builder.WebHost.ConfigureKestrel(o => o.AddServerHeader = false);
    }

    /// <summary>Handlers that check a password or code of a signed-in account (the patient's password change, turning off 2FA).</summary>
    private static string? PasswordHandler(HttpContext context, string path)
    {
        var handler = context.Request.Query["handler"].ToString();
        return (path, handler.ToLowerInvariant()) switch
        {
            ("/me/settings", "password") => "/me/settings?password",
            ("/identity/account/manage/twofactor", "disable") => "/identity/account/manage/twofactor?disable",
            _ => null,
        };
    }

    private static string TooManyAttemptsPage(int seconds) => $$"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Too many attempts · PhysioPortal</title><link rel="stylesheet" href="/lib/bootstrap/dist/css/bootstrap.min.css"><link rel="stylesheet" href="/css/site.css"></head>
        <body><main id="main" class="container py-5"><div class="card card-portal auth-card"><div class="card-body p-4">
        <h1>Too many attempts</h1>
        <p>To keep accounts safe we allow only a few tries a minute. Please try again in {{WebUtility.HtmlEncode(Wait(seconds))}}.</p>
        <p class="mb-0"><a href="/">Back to the start page</a></p>
        </div></div></main></body></html>
        """;

    private static string Wait(int seconds) => seconds <= 60 ? $"{seconds} seconds" : $"{(seconds + 59) / 60} minutes";
}

/// <summary>Registered when no key certificate is configured outside development: the app refuses to start.</summary>
internal sealed class MissingKeyCertificate;

using PhysioPortal.Core.Email;
using PhysioPortal.Core.Reminders;

namespace PhysioPortal.Web.Extensions;

public static class EmailExtensions
{
    /// <summary>
    /// SMTP (Email section: host, port, TLS mode, user, password; environment variables in production) and the
    /// scheduled-email settings (Reminders section; links use Portal:PublicUrl).
    /// </summary>
    public static WebApplicationBuilder AddPortalEmail(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<EmailOptions>(builder.Configuration.GetSection(EmailOptions.Section));
        builder.Services.PostConfigure<EmailOptions>(o =>
        {
            if (!string.IsNullOrWhiteSpace(o.DkimPrivateKeyFile))
                o.DkimPrivateKeyFile = Path.GetFullPath(o.DkimPrivateKeyFile, builder.Environment.ContentRootPath);
            o.DkimCreateKey &= builder.Environment.IsDevelopment();
        });
        if (builder.Environment.IsProduction())
        {
            // Refuse to start rather than send mail that no provider delivers (see EmailOptions.ProductionProblem).
            builder.Services.AddOptions<EmailOptions>()
                .Validate(o => o.ProductionProblem() is null, "Email:FromAddress must be an address of the clinic's own domain in Production " +
                               "(not the .local default): see the README, \"Email in production\" (SPF, DKIM, DMARC).")
                .ValidateOnStart();
        }
        builder.Services.Configure<ReminderOptions>(builder.Configuration.GetSection(ReminderOptions.Section));
        builder.Services.PostConfigure<ReminderOptions>(o =>
            o.PublicUrl = builder.Configuration[$"{PortalOptions.Section}:{nameof(PortalOptions.PublicUrl)}"] is { Length: > 0 } url ? url : o.PublicUrl);
        return builder;
    }
}

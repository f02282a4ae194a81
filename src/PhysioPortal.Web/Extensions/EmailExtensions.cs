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
        builder.Services.Configure<ReminderOptions>(builder.Configuration.GetSection(ReminderOptions.Section));
        builder.Services.PostConfigure<ReminderOptions>(o =>
            o.PublicUrl = builder.Configuration[$"{PortalOptions.Section}:{nameof(PortalOptions.PublicUrl)}"] is { Length: > 0 } url ? url : o.PublicUrl);
        return builder;
    }
}

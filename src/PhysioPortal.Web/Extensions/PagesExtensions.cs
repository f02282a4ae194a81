using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using PhysioPortal.Core.Data;

namespace PhysioPortal.Web.Extensions;

public static class PagesExtensions
{
    /// <summary>Razor Pages with whole folders authorized in one place.</summary>
    public static WebApplicationBuilder AddPortalPages(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<PortalOptions>(builder.Configuration.GetSection(PortalOptions.Section));
        builder.Services.AddRouting(o => o.LowercaseUrls = true);
        builder.Services.AddScoped<TwoFactorRequirement>();
        builder.Services.AddRazorPages(o =>
        {
            o.Conventions.ConfigureFilter(new Microsoft.AspNetCore.Mvc.ServiceFilterAttribute(typeof(TwoFactorRequirement)));
            o.Conventions.AuthorizeFolder("/Clinic", IdentityExtensions.ClinicianPolicy);
            o.Conventions.AuthorizeFolder("/Me", IdentityExtensions.PatientPolicy);
            o.Conventions.AuthorizeFolder("/Admin", IdentityExtensions.AdminPolicy);
        });
        return builder;
    }

    public static WebApplication UsePortalPipeline(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error");
        }
        app.UsePortalSecurityHeaders();
        // 404, 400 and the like get a friendly page with the status, never a blank one.
        app.UseStatusCodePagesWithReExecute("/Error", "?code={0}");
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapStaticAssets();
        app.MapRazorPages().WithStaticAssets();
        app.MapPortalHealth();
        return app;
    }

    /// <summary>In development, prints where the portal listens and the demo logins once Kestrel is up.</summary>
    public static void PrintDemoLoginsWhenStarted(this WebApplication app)
    {
        var options = app.Configuration.GetSection(PortalOptions.Section).Get<PortalOptions>() ?? new PortalOptions();
        if (!options.SeedDemoData)
        {
            return;
        }
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
            var lines = new List<string>
            {
                "",
                "PhysioPortal is running: " + string.Join(", ", addresses ?? []),
                $"Demo logins (password for all: {DemoData.Password}):",
            };
            lines.AddRange(DemoData.Logins.Select(l => $"  {l.Role,-10} {l.Email}"));
            lines.Add("");
            Console.WriteLine(string.Join(Environment.NewLine, lines));
        });
    }
}

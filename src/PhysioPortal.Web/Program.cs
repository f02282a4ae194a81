using PhysioPortal.Web.Extensions;
using PhysioPortal.Web.Operations;

var builder = WebApplication.CreateBuilder(args);

try
{
    builder.AddPortalData();
    builder.AddPortalIdentity();
    builder.AddPortalEmail();
    builder.AddPortalJobs();
    builder.AddPortalSecurity();
    builder.AddPortalPages();
    builder.AddPortalHandouts();
    builder.AddPortalLibrary();
    builder.AddPortalOperations();
}
catch (PortalSettingException e)
{
    // The operator's setting, not the portal's fault: its reason, no stack trace.
    await Console.Error.WriteLineAsync($"PhysioPortal cannot start: {e.Message}");
    return PortalSettingException.ExitCode;
}

var app = builder.Build();

await app.PreparePortalDatabaseAsync();
app.UsePortalPipeline();
app.MapPortalMedia();
app.UsePortalJobs();
app.PrintDemoLoginsWhenStarted();

await app.RunAsync();
return 0;

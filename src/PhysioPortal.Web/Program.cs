using PhysioPortal.Web.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddPortalData();
builder.AddPortalIdentity();
builder.AddPortalEmail();
builder.AddPortalJobs();
builder.AddPortalSecurity();
builder.AddPortalPages();
builder.AddPortalHandouts();
builder.AddPortalLibrary();
builder.AddPortalOperations();

var app = builder.Build();

await app.PreparePortalDatabaseAsync();
app.UsePortalPipeline();
app.MapPortalMedia();
app.UsePortalJobs();
app.PrintDemoLoginsWhenStarted();

await app.RunAsync();

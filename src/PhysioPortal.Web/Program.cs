using PhysioPortal.Web.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddPortalData();
builder.AddPortalIdentity();
builder.AddPortalPages();

var app = builder.Build();

await app.PreparePortalDatabaseAsync();
app.UsePortalPipeline();
app.PrintDemoLoginsWhenStarted();

await app.RunAsync();

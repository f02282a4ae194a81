using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PhysioPortal.Core;
using PhysioPortal.Core.Data;
using PhysioPortal.Core.Email;
using PhysioPortal.Core.Reminders;
using PhysioPortal.Core.Reminders.Jobs;

// The portal's scheduled-email sender as its own process: Core composed as the web app composes it, the same job
// Hangfire runs, again and again until nothing of the given clinic is due or being sent (it sends every clinic's due
// emails, as the job does). A test kills it (SIGKILL) and starts it again.
//   PhysioPortal.SenderProcess --db CONNECTION_STRING --smtp-port PORT --clinic ID [--lease-seconds 2] [--batch 50]
string Arg(string name, string? fallback = null) =>
    args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? fallback ?? throw new ArgumentException($"{name} is required");
var cs = Arg("--db");
var port = int.Parse(Arg("--smtp-port"), CultureInfo.InvariantCulture);
var lease = TimeSpan.FromSeconds(double.Parse(Arg("--lease-seconds", "120"), CultureInfo.InvariantCulture));
var batch = int.Parse(Arg("--batch", "50"), CultureInfo.InvariantCulture);
var clinic = Guid.Parse(Arg("--clinic"));

var services = new ServiceCollection();
services.AddLogging();
services.AddPortalCore(cs);
services.Configure<EmailOptions>(o =>
{
    o.SmtpHost = "127.0.0.1";
    o.SmtpPort = port;
    o.FromAddress = "no-reply@physioportal.test";
    o.TimeoutSeconds = 10;
});
services.Configure<ReminderOptions>(o =>
{
    o.ClaimLease = lease;
    o.BatchSize = batch;
    o.PublicUrl = "http://localhost";
});
await using var provider = services.BuildServiceProvider();

Console.WriteLine($"sender {Environment.ProcessId} started");
var until = DateTime.UtcNow.AddMinutes(2);
while (DateTime.UtcNow < until)
{
    await using (var scope = provider.CreateAsyncScope())
    {
        await scope.ServiceProvider.GetRequiredService<SendDueEmailsJob>().RunAsync(CancellationToken.None);
    }
    await using (var scope = provider.CreateAsyncScope())
    {
        var db = scope.ServiceProvider.GetRequiredService<AllClinicsDb>().Db;
        var now = DateTimeOffset.UtcNow;
        var left = await db.ScheduledEmails.CountAsync(e => e.ClinicId == clinic && (e.State == EmailState.Sending
            || (e.State == EmailState.Pending && e.DueAt <= now && (e.NextAttemptAt == null || e.NextAttemptAt <= now))));
        if (left == 0)
        {
            Console.WriteLine("nothing left to send");
            return 0;
        }
    }
    await Task.Delay(200);
}
Console.WriteLine("gave up after 2 minutes");
return 1;

using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using netDumbster.smtp;
using Npgsql;
using PhysioPortal.Core.Clinics;
using PhysioPortal.Core.Data;
using PhysioPortal.Core.Email;
using PhysioPortal.Core.Exercises;
using PhysioPortal.Core.Patients;
using PhysioPortal.Core.Prescriptions;
using PhysioPortal.Core.Reminders;

// Email sender benchmark: N due reminder rows in a fresh PostgreSQL database, sent by the real EmailSender to a local
// SMTP server (netDumbster in this process, or --smtp HOST:PORT such as smtp4dev). Prints a table; asserts nothing.
// Per run it also counts the rows marked Sent in the database and, with netDumbster, the distinct Message-IDs received:
// "doubled" is the received messages beyond one per Message-ID. --json FILE writes the runs for ./portal bench.
//   dotnet run -c Release --project bench/PhysioPortal.EmailBench -- --db "Host=...;Database=...;..." [--rows 2000] [--senders 1,2,4] [--batch 50] [--smtp HOST:PORT|none] [--json FILE]

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

string? Arg(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
var cs = Arg("--db") ?? Environment.GetEnvironmentVariable("EMAIL_BENCH_DB")
         ?? throw new InvalidOperationException("Give --db CONNECTION_STRING (its user must be allowed to create databases).");
var rows = int.Parse(Arg("--rows") ?? "2000", CultureInfo.InvariantCulture);
var batch = int.Parse(Arg("--batch") ?? "50", CultureInfo.InvariantCulture);
var senderCounts = (Arg("--senders") ?? "1,2,4").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
var smtpArg = Arg("--smtp");
var jsonPath = Arg("--json");
var runs = new List<string>();

// A fresh database, built by the portal's own migrations.
var dbName = new NpgsqlConnectionStringBuilder(cs).Database ?? "physioportal_emailbench";
await using (var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(cs) { Database = "postgres", Pooling = false }.ConnectionString))
{
    await admin.OpenAsync();
    await new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{dbName}\" WITH (FORCE)", admin).ExecuteNonQueryAsync();
    await new NpgsqlCommand($"CREATE DATABASE \"{dbName}\"", admin).ExecuteNonQueryAsync();
}
var options = new DbContextOptionsBuilder<PortalDbContext>()
    .UseNpgsql(cs, o => o.MigrationsAssembly("PhysioPortal.Migrations"))
    .Options;
// The bench works across clinics, like the jobs: every context comes from the all-clinics door.
var contexts = new PortalContexts(new PooledDbContextFactory<PortalDbContext>(options), ClinicScope.None);
await using (var db = contexts.ForAllClinics())
{
    await db.ApplyMigrationsAsync();
}

SimpleSmtpServer? inProcess = null;
string host;
int port;
if (smtpArg == "none")
{
    // No SMTP at all (the mailer only logs, to a null logger): what the database side costs alone.
    (host, port) = ("", 0);
}
else if (smtpArg is null)
{
    inProcess = Configuration.Configure().WithAddress(IPAddress.Loopback).WithRandomPort().Build();
    (host, port) = ("127.0.0.1", inProcess.Configuration.Port);
}
else
{
    host = smtpArg.Split(':')[0];
    port = int.Parse(smtpArg.Split(':')[1], CultureInfo.InvariantCulture);
}
var mailer = new SmtpMailer(Options.Create(new EmailOptions { SmtpHost = host.Length == 0 ? null : host, SmtpPort = port, FromAddress = "no-reply@physioportal.bench" }),
    NullLogger<SmtpMailer>.Instance);
var reminderOptions = Options.Create(new ReminderOptions { PublicUrl = "http://127.0.0.1:5080", BatchSize = batch, MaxBatchesPerRun = 1_000_000 });

Console.WriteLine($"Email sender benchmark: {rows} due reminders per run, batch {batch}, SMTP {(inProcess is null ? smtpArg : "netDumbster in process")} at {host}:{port}");
Console.WriteLine($"{"senders",8} {"rows",6} {"sent",6} {"rows Sent",9} {"received",9} {"doubled",8} {"seconds",8} {"emails/s",9}");

// A warm-up run (JIT, connection pools), not printed.
await RunAsync(await SeedAsync(Math.Min(100, rows)), 1, print: false);
foreach (var senders in senderCounts)
{
    await RunAsync(await SeedAsync(rows), senders, print: true);
}
inProcess?.Dispose();
if (jsonPath is not null)
    await File.WriteAllTextAsync(jsonPath, "[\n  " + string.Join(",\n  ", runs) + "\n]\n");
return 0;

async Task RunAsync(Guid clinicId, int senders, bool print)
{
    var before = inProcess?.ReceivedEmailCount ?? 0;
    var watch = Stopwatch.StartNew();
    var results = await Task.WhenAll(Enumerable.Range(0, senders).Select(_ => Task.Run(async () =>
    {
        await using var allClinics = new AllClinicsDb(contexts);
        return await new EmailSender(allClinics, mailer, TimeProvider.System, reminderOptions).SendDueAsync();
    })));
    watch.Stop();
    var sent = results.Sum(r => r.Sent);
    int rowsSent;
    await using (var db = contexts.ForAllClinics())
        rowsSent = await db.ScheduledEmails.CountAsync(e => e.ClinicId == clinicId && e.State == EmailState.Sent);
    int? receivedCount = inProcess is null ? null : inProcess.ReceivedEmailCount - before;
    int? distinct = inProcess?.ReceivedEmail.Select(m => m.Headers["Message-ID"]).Distinct().Count();
    int? doubled = receivedCount - distinct;
    var received = receivedCount?.ToString(CultureInfo.InvariantCulture) ?? "-";
    var seconds = watch.Elapsed.TotalSeconds;
    if (print)
    {
        Console.WriteLine($"{senders,8} {rows,6} {sent,6} {rowsSent,9} {received,9} {doubled?.ToString(CultureInfo.InvariantCulture) ?? "-",8} {seconds,8:0.00} {sent / seconds,9:0}");
        runs.Add(string.Create(CultureInfo.InvariantCulture,
            $"{{\"senders\": {senders}, \"rows\": {rows}, \"sent\": {sent}, \"rowsSent\": {rowsSent}, \"received\": {receivedCount?.ToString(CultureInfo.InvariantCulture) ?? "null"}, \"distinctMessageIds\": {distinct?.ToString(CultureInfo.InvariantCulture) ?? "null"}, \"doubled\": {doubled?.ToString(CultureInfo.InvariantCulture) ?? "null"}, \"seconds\": {seconds:0.000}, \"emailsPerSecond\": {sent / seconds:0.0}}}"));
    }
    inProcess?.ClearReceivedEmail();
}

async Task<Guid> SeedAsync(int count)
{
    await using var db = contexts.ForAllClinics();
    var now = DateTimeOffset.UtcNow;
    var clinic = new Clinic { Id = Guid.NewGuid(), Name = "Bench Physio", CreatedAt = now };
    db.Clinics.Add(clinic);
    var today = DateOnly.FromDateTime(now.UtcDateTime);
    for (var i = 0; i < count; i++)
    {
        var patient = new Patient
        {
            Id = Guid.NewGuid(), ClinicId = clinic.Id, FirstName = "Pat", LastName = $"Bench{i}", Email = $"bench-{Guid.NewGuid():N}@bench.example",
            TimeZoneId = "Europe/London", EmailConsent = true, CreatedAt = now,
        };
        var rx = new Prescription
        {
            Id = Guid.NewGuid(), ClinicId = clinic.Id, PatientId = patient.Id, ClinicianUserId = "bench", ClinicianName = "Dr Bench",
            CurrentVersionNumber = 1, CreatedAt = now, UpdatedAt = now,
        };
        rx.Versions.Add(new PrescriptionVersion
        {
            Id = Guid.NewGuid(), PrescriptionId = rx.Id, Number = 1, CreatedAt = now, AuthorUserId = "bench", AuthorName = "Dr Bench",
            Title = "Lower back routine", Days = DaysOfWeek.Every, ReminderTime = new TimeOnly(8, 0), StartDate = today.AddDays(-1), Weeks = 4,
        });
        db.Patients.Add(patient);
        db.Prescriptions.Add(rx);
        db.ScheduledEmails.Add(new ScheduledEmail
        {
            Id = Guid.NewGuid(), ClinicId = clinic.Id, Kind = EmailKind.Reminder, PatientId = patient.Id, PrescriptionId = rx.Id, LocalDate = today,
            UniqueKey = EmailSchedule.Key(EmailKind.Reminder, rx.Id, today), DueAt = now.AddMinutes(-1), CreatedAt = now,
        });
    }
    await db.SaveChangesAsync();
    return clinic.Id;
}

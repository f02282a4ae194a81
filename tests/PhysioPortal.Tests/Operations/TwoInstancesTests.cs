using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using PhysioPortal.Core;
using PhysioPortal.Core.Exercises;
using PhysioPortal.Core.Identity;
using PhysioPortal.Core.Prescriptions;
using PhysioPortal.Core.Reminders;
using PhysioPortal.Core.Reminders.Jobs;
using PhysioPortal.Tests.Infrastructure;

namespace PhysioPortal.Tests.Operations;

/// <summary>
/// Two real portal processes (the built web app, in Production) on one fresh PostgreSQL database, behind Debian's
/// nginx (TLS, round-robin, retrying idempotent requests on the other instance), as a clinic that outgrew one server
/// runs them. Both start at the same moment on the empty database (migrations, Hangfire's schema, seeding race).
/// The in-process host of this fixture only arranges data and reads results.
/// </summary>
public sealed class TwoInstances : PortalFactory, IAsyncLifetime
{
    /// <summary>Recurring jobs every few seconds (cron with seconds), so "once per occurrence" shows in seconds.</summary>
    public const string SendCron = "*/2 * * * * *";

    public const string PlanCron = "*/10 * * * * *";

    /// <summary>Jobs:DistributedLockTimeout of the instances: when a killed holder's Hangfire lock is taken back.</summary>
    public static readonly TimeSpan AbandonedLockAge = TimeSpan.FromSeconds(25);

    /// <summary>Sign-in, reset and one-tap posts per client address and minute, per instance.</summary>
    public const int PermitsPerInstance = 20;

    private const string CertificatePassword = "two-instances";

    private string _folder = "";

    private string Certificate => Path.Combine(_folder, "dataprotection.pfx");

    public string Database { get; private set; } = "";

    public string InstancesConnectionString { get; private set; } = "";

    public Nginx Proxy { get; private set; } = null!;

    public IReadOnlyList<PortalProcess> Instances { get; private set; } = [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("ConnectionStrings:Portal", InstancesConnectionString);
        // The same recurring jobs as the instances (this host registers them too, but runs no Hangfire server).
        builder.UseSetting("Jobs:SendCron", SendCron);
        builder.UseSetting("Jobs:PlanCron", PlanCron);
        builder.UseSetting("Security:DataProtection:CertificatePath", Certificate);
        builder.UseSetting("Security:DataProtection:CertificatePassword", CertificatePassword);
    }

    public async Task InitializeAsync()
    {
        Database = new NpgsqlConnectionStringBuilder(TestDatabase.RawConnectionString).Database + "_two";
        InstancesConnectionString = new NpgsqlConnectionStringBuilder(TestDatabase.Recreate(Database)) { MaxPoolSize = 40 }.ConnectionString;
        _folder = Directory.CreateTempSubdirectory("portal-two-").FullName;
        var certificate = Certificate;
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=PhysioPortal Data Protection (two instances test)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var made = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            await File.WriteAllBytesAsync(certificate, made.Export(X509ContentType.Pkcs12, CertificatePassword));
        }

        int[] ports = [Nginx.FreePort(), Nginx.FreePort()];
        Proxy = await Nginx.StartAsync((folder, port) => $$"""
                upstream portal {
                    server 127.0.0.1:{{ports[0]}} max_fails=1 fail_timeout=2s;
                    server 127.0.0.1:{{ports[1]}} max_fails=1 fail_timeout=2s;
                }
                server {
                    listen 127.0.0.1:{{port}} ssl;
                    ssl_certificate {{folder}}/cert.pem;
                    ssl_certificate_key {{folder}}/key.pem;
                    location / {
                        proxy_pass http://portal;
                        # GET and HEAD go to the other instance when one refuses the connection, breaks it or times
                        # out; a POST only when it was never sent (nginx's default: non_idempotent is not set).
                        proxy_next_upstream error timeout http_502 http_504;
                        proxy_next_upstream_tries 2;
                        proxy_set_header Host $http_host;
                        proxy_set_header X-Forwarded-For $remote_addr;
                        proxy_set_header X-Forwarded-Proto $scheme;
                        # Which instance answered (for this test only).
                        add_header X-Upstream $upstream_addr always;
                    }
                }
            """);

        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__Portal"] = InstancesConnectionString,
            ["Portal__MigrateOnStart"] = "true",
            ["Portal__SeedDemoData"] = "false",
            ["Portal__PublicUrl"] = Proxy.Url.ToString().TrimEnd('/'),
            ["Security__DataProtection__CertificatePath"] = certificate,
            ["Security__DataProtection__CertificatePassword"] = CertificatePassword,
            ["Security__KnownProxies__0"] = "127.0.0.1",
            ["Security__SensitivePermitsPerMinute"] = PermitsPerInstance.ToString(CultureInfo.InvariantCulture),
            ["Email__SmtpHost"] = "127.0.0.1",
            ["Email__SmtpPort"] = Smtp.Configuration.Port.ToString(CultureInfo.InvariantCulture),
            ["Email__FromAddress"] = "reminders@riverside-physio.example.org",
            ["Metrics__Url"] = "http://127.0.0.1:0",
            ["Jobs__RunServer"] = "true",
            ["Jobs__WorkerCount"] = "2",
            ["Jobs__SchedulePollingInterval"] = "00:00:01",
            ["Jobs__SendCron"] = SendCron,
            ["Jobs__PlanCron"] = PlanCron,
            // Longer than Hangfire's 15 s wait for a recurring job's lock at start-up, so that a restart meets an
            // abandoned lock that is not yet taken back (the product's default is a minute).
            ["Jobs__DistributedLockTimeout"] = AbandonedLockAge.ToString("c", CultureInfo.InvariantCulture),
            ["Jobs__RegistrationRetryInterval"] = "00:00:01",
            // Ten days of reminders per routine: 1 000 routines make the 10 000 reminders.
            ["Reminders__LookAhead"] = "10.00:00:00",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
            ["Logging__LogLevel__PhysioPortal.Web.Extensions.JobsExtensions"] = "Information",
        };
        Instances = [new PortalProcess("instance A", ports[0], environment), new PortalProcess("instance B", ports[1], environment)];
        // Both at once on the empty database: migrations, Hangfire's schema and the seeding must not trip each other.
        foreach (var instance in Instances) instance.Start();
        await Task.WhenAll(Instances.Select(i => i.WaitReadyAsync(TimeSpan.FromMinutes(3))));
    }

    /// <summary>Starts whichever instance a test stopped, and waits for both to be ready.</summary>
    public async Task BothRunningAsync()
    {
        foreach (var instance in Instances.Where(i => !i.Running)) instance.Start();
        await Task.WhenAll(Instances.Select(i => i.WaitReadyAsync(TimeSpan.FromMinutes(2))));
    }

    public string UpstreamOf(PortalProcess instance) => $"127.0.0.1:{instance.Port}";

    /// <summary>A browser-like client through nginx from <paramref name="clientAddress"/>, recording who answered what.</summary>
    public (PortalClient Client, ServedBy Served) Client(string clientAddress)
    {
        var served = new ServedBy { InnerHandler = Nginx.Handler(clientAddress) };
        return (new PortalClient(new HttpClient(served) { BaseAddress = Proxy.Url, Timeout = TimeSpan.FromSeconds(100) }), served);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        foreach (var instance in Instances) await instance.DisposeAsync();
        if (Proxy is not null) await Proxy.DisposeAsync();
        if (_folder.Length > 0) Directory.Delete(_folder, recursive: true);
        await base.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        TestDatabase.Drop(Database);
    }
}

/// <summary>Records each answer with the instance nginx says gave it (its X-Upstream header).</summary>
public sealed class ServedBy : DelegatingHandler
{
    public sealed record Answer(string Method, string Path, HttpStatusCode Status, string Upstream);

    public ConcurrentQueue<Answer> Answers { get; } = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        // After a retry nginx lists every upstream it tried: the last one answered.
        var upstream = response.Headers.TryGetValues("X-Upstream", out var values) ? values.First().Split(',')[^1].Trim() : "";
        Answers.Enqueue(new Answer(request.Method.Method, request.RequestUri!.PathAndQuery, response.StatusCode, upstream));
        return response;
    }
}

public class TwoInstancesTests(TwoInstances portal, Xunit.Abstractions.ITestOutputHelper log) : IClassFixture<TwoInstances>
{
    private static DateOnly Today => LocalDates.PatientToday("Europe/London", DateTimeOffset.UtcNow);

    [Fact]
    public async Task Signed_in_through_the_proxy_a_session_carries_on_at_either_instance_and_ends_on_both()
    {
        await portal.BothRunningAsync();
        var clinic = await portal.ClinicAsync();
        var patient = await portal.PatientAsync(clinic.Id);
        await portal.PrescriptionAsync(clinic.Id, patient.Id, Today.AddDays(-3));
        var user = await portal.UserAsync(clinic.Id, Roles.Patient, patient.Id);
        var (client, served) = portal.Client("127.0.0.11");

        // The form comes from one instance and is posted to the other: the antiforgery token and cookie are read
        // with the key ring both share.
        var signedIn = await client.SignInAsync(user.Email!, TestData.Password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var signIn = served.Answers.ToList();
        Assert.NotEqual(signIn[0].Upstream, signIn[1].Upstream);

        for (var i = 0; i < 4; i++) Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/me")).StatusCode);
        var (_, page) = await client.GetPageAsync("/me/log");
        var (posted, _) = await client.PostPageAsync(page, $"/me/log?date={Today:yyyy-MM-dd}", [new("Input.PainBefore", "3")], "main form[method=post]");
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var (home, document) = await client.GetPageAsync("/me");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("Today's session is logged", document.Body!.TextContent, StringComparison.Ordinal); // the message set by the other instance
        var signedInAnswers = served.Answers.Skip(2).ToList();
        Assert.All(signedInAnswers, a => Assert.True(a.Status is HttpStatusCode.OK or HttpStatusCode.Redirect, $"{a.Method} {a.Path}: {a.Status}"));
        Assert.Equal(portal.Instances.Select(portal.UpstreamOf).Order(), signedInAnswers.Select(a => a.Upstream).Distinct().Order());

        // Signing out on one instance ends the session on both (the session is a row, not a cookie).
        var before = served.Answers.Count;
        var signedOut = await client.SubmitFormAsync("/Identity/Account/Logout", new Dictionary<string, string>(), "main form[method=post]");
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        for (var i = 0; i < 4; i++)
        {
            var response = await client.GetAsync("/me");
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/Identity/Account/Login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }
        Assert.Equal(2, served.Answers.Skip(before + 2).Select(a => a.Upstream).Distinct().Count());
        log.WriteLine(string.Join('\n', served.Answers.Select(a => $"{a.Method} {a.Path} {(int)a.Status} {a.Upstream}")));
    }

    [Fact]
    public async Task A_change_written_by_another_process_reaches_the_clinician_home_kept_by_each_instance()
    {
        await portal.BothRunningAsync();
        var clinic = await portal.ClinicAsync();
        var clinician = await portal.UserAsync(clinic.Id, Roles.Clinician);
        var first = await portal.PatientAsync(clinic.Id);
        await portal.PrescriptionAsync(clinic.Id, first.Id, Today.AddDays(-3), clinicianUserId: clinician.Id);
        var (client, served) = portal.Client("127.0.0.14");
        Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync(clinician.Email!, TestData.Password)).StatusCode);

        // The home's figures are kept per instance (CaseloadCache) after a first view on each.
        async Task<Dictionary<string, string>> ActiveCountByInstanceAsync()
        {
            var counts = new Dictionary<string, string>();
            for (var i = 0; i < 2; i++)
            {
                var (response, document) = await client.GetPageAsync("/clinic");
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                counts[served.Answers.Last().Upstream] = document.QuerySelector("#my-active-count")!.TextContent.Trim();
            }
            return counts;
        }
        var before = await ActiveCountByInstanceAsync();
        Assert.Equal(2, before.Count);
        Assert.All(before.Values, v => Assert.Equal("1", v));

        // Another process (this test's own host) gives the clinician a second routine: every instance hears of it
        // (LISTEN/NOTIFY) and recomputes; without that each would show 1 until the day turns.
        var second = await portal.PatientAsync(clinic.Id);
        await portal.PrescriptionAsync(clinic.Id, second.Id, Today, clinicianUserId: clinician.Id);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var after = await ActiveCountByInstanceAsync();
        while (after.Values.Any(v => v != "2") && clock.Elapsed < TimeSpan.FromSeconds(5)) after = await ActiveCountByInstanceAsync();
        log.WriteLine($"both instances showed the change after {clock.ElapsedMilliseconds} ms");
        Assert.All(after.Values, v => Assert.Equal("2", v));
    }

    [Fact]
    public async Task Wrong_passwords_counted_by_both_instances_make_one_wait_that_both_enforce()
    {
        await portal.BothRunningAsync();
        var clinic = await portal.ClinicAsync();
        var user = await portal.UserAsync(clinic.Id, Roles.Clinician);
        var (client, served) = portal.Client("127.0.0.12");
        var waitMessage = "Too many wrong tries for this account";
        // One form, posted again and again (its token stays valid): posts alternate between the instances.
        var (_, form) = await client.GetPageAsync("/Identity/Account/Login");
        Task<(HttpResponseMessage, AngleSharp.Html.Dom.IHtmlDocument)> SignInAsync(string password) =>
            client.PostPageAsync(form, "/Identity/Account/Login", [new("Input.Email", user.Email!), new("Input.Password", password)]);

        // Wrong passwords, one every 0.7 s while refused unchecked (the wait, as a person would): three are free,
        // then 2 s before the fourth is checked, 4 s before the fifth, 8 s after it. (Few posts: the per-client rate
        // limit must not be what stops them.)
        var checkedTries = new List<string>();
        var refused = 0;
        for (var attempt = 0; attempt < 25 && checkedTries.Count < 5; attempt++)
        {
            var (response, document) = await SignInAsync("wrong password " + attempt);
            var body = document.Body!.TextContent;
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            if (body.Contains(waitMessage, StringComparison.Ordinal))
            {
                refused++;
                await Task.Delay(700);
            }
            else checkedTries.Add(served.Answers.Last().Upstream);
        }
        Assert.Equal(5, checkedTries.Count);
        Assert.True(refused >= 2, "no try was refused during a wait");
        Assert.Equal(2, checkedTries.Distinct().Count()); // the failures were counted by both instances, in one row
        await using (var s = portal.SystemDb())
        {
            var key = AccountThrottle.KeyFor(user.Email!);
            Assert.Equal(checkedTries.Count, (await s.Db.SignInThrottles.SingleAsync(t => t.Key == key)).Failures);
        }

        // Now even the right password waits (8 s after the fifth), on either instance.
        var answeredBy = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            var (response, document) = await SignInAsync(TestData.Password);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(waitMessage, document.Body!.TextContent, StringComparison.Ordinal);
            answeredBy.Add(served.Answers.Last().Upstream);
        }
        Assert.Equal(2, answeredBy.Distinct().Count());
    }

    [Fact]
    public async Task The_per_client_rate_limit_is_counted_by_each_instance()
    {
        await portal.BothRunningAsync();
        var (client, served) = portal.Client("127.0.0.13");
        // Posts without a form are refused by the antiforgery check (400), after the rate limiter has counted them.
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 2 * TwoInstances.PermitsPerInstance + 1; i++)
        {
            using var content = new FormUrlEncodedContent([]);
            statuses.Add((await client.Http.PostAsync("/Identity/Account/Login", content)).StatusCode);
        }
        // Each instance lets its own limit through: with N instances a client gets N x the setting (README, Scaling out).
        Assert.All(statuses.Take(2 * TwoInstances.PermitsPerInstance), s => Assert.Equal(HttpStatusCode.BadRequest, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.All(served.Answers.GroupBy(a => a.Upstream).Where(g => g.Key.Length > 0),
            g => Assert.Equal(TwoInstances.PermitsPerInstance, g.Count(a => a.Status == HttpStatusCode.BadRequest)));
    }

    [Fact]
    public async Task A_recurring_job_runs_once_per_occurrence_although_both_instances_run_a_job_server()
    {
        await portal.BothRunningAsync();
        var since = DateTime.UtcNow;
        await using var connection = new NpgsqlConnection(portal.InstancesConnectionString);
        await connection.OpenAsync();
        var servers = await ScalarAsync<long>(connection, "SELECT count(*) FROM hangfire.server WHERE lastheartbeat > now() - interval '1 minute'");
        Assert.True(servers >= 2, $"{servers} Hangfire servers alive");

        // Ten occurrences of the sender (every 2 s).
        var jobs = new List<(long Id, string Time, int Processed, string Server)>();
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            jobs = await RecurringRunsAsync(connection, SendDueEmailsJob.RecurringId, since);
            if (jobs.Count(j => j.Processed > 0) >= 10) break;
            await Task.Delay(500);
        }
        log.WriteLine(string.Join('\n', jobs.Select(j => $"job {j.Id} for {j.Time}: processed {j.Processed}× by {j.Server}")));
        Assert.True(jobs.Count(j => j.Processed > 0) >= 10, $"only {jobs.Count} runs in 90 s");
        Assert.Equal(jobs.Count, jobs.Select(j => j.Time).Distinct().Count()); // one job per occurrence
        Assert.All(jobs, j => Assert.InRange(j.Processed, 0, 1)); // each run once
    }

    [Fact]
    public async Task An_instance_restarting_while_a_killed_one_still_holds_a_job_lock_starts_and_the_sender_resumes()
    {
        await portal.BothRunningAsync();
        var instance = portal.Instances[1];
        await instance.KillAsync();
        await using var connection = new NpgsqlConnection(portal.InstancesConnectionString);
        await connection.OpenAsync();
        // What a process killed inside Hangfire's lock on the sender leaves behind: the lock's row, just taken.
        var resource = $"hangfire:lock:recurring-job:{SendDueEmailsJob.RecurringId}";
        var taken = DateTime.UtcNow;
        await using (var hold = new NpgsqlCommand("""
            INSERT INTO hangfire.lock (resource, updatecount, acquired) VALUES (@resource, 0, @taken)
            ON CONFLICT (resource) DO UPDATE SET acquired = excluded.acquired, updatecount = 0
            """, connection))
        {
            hold.Parameters.AddWithValue("resource", resource);
            hold.Parameters.AddWithValue("taken", taken);
            await hold.ExecuteNonQueryAsync();
        }

        // Before: start-up registered the recurring jobs under their locks, waited 15 s for this one and exited
        // (PostgreSqlDistributedLockException, exit 134) until an operator emptied the lock table.
        instance.Start();
        await instance.WaitReadyAsync(TimeSpan.FromMinutes(2));
        Assert.True(instance.Running);

        // Once the row is older than Jobs:DistributedLockTimeout it counts as abandoned: the registration waiting in
        // the background completes and the sender runs again.
        var deadline = DateTime.UtcNow + TwoInstances.AbandonedLockAge + TimeSpan.FromSeconds(60);
        var registered = false;
        var runs = new List<(long Id, string Time, int Processed, string Server)>();
        while (DateTime.UtcNow < deadline)
        {
            registered = instance.Output().Contains("The recurring jobs are registered (after waiting for their locks)", StringComparison.Ordinal);
            runs = await RecurringRunsAsync(connection, SendDueEmailsJob.RecurringId, taken);
            if (registered && runs.Any(r => r.Processed > 0)) break;
            await Task.Delay(500);
        }
        log.WriteLine(instance.Output());
        Assert.Contains("could not be registered now: another process holds its lock", instance.Output(), StringComparison.Ordinal);
        Assert.True(registered, "the registration did not complete after the lock was taken back");
        Assert.Contains(runs, r => r.Processed > 0);
        Assert.True(instance.Running);
    }

    private static async Task<List<(long Id, string Time, int Processed, string Server)>> RecurringRunsAsync(NpgsqlConnection connection, string recurringId, DateTime since)
    {
        await using var command = new NpgsqlCommand("""
            SELECT j.id, t.value,
                   (SELECT count(*) FROM hangfire.state s WHERE s.jobid = j.id AND s.name = 'Processing')::int,
                   coalesce((SELECT s.data::json->>'ServerId' FROM hangfire.state s WHERE s.jobid = j.id AND s.name = 'Processing' ORDER BY s.id LIMIT 1), '')
              FROM hangfire.job j
              JOIN hangfire.jobparameter r ON r.jobid = j.id AND r.name = 'RecurringJobId' AND r.value = @id
              JOIN hangfire.jobparameter t ON t.jobid = j.id AND t.name = 'Time'
             WHERE j.createdat >= @since
             ORDER BY j.id
            """, connection);
        command.Parameters.AddWithValue("id", $"\"{recurringId}\"");
        command.Parameters.AddWithValue("since", since);
        var result = new List<(long, string, int, string)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) result.Add((reader.GetInt64(0), reader.GetString(1), reader.GetInt32(2), reader.GetString(3)));
        return result;
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task Ten_thousand_reminders_planned_and_sent_by_both_instances_arrive_exactly_once()
    {
        const int routines = 1_000, perRoutine = 10;
        await portal.BothRunningAsync();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var clinic = await portal.ClinicAsync();
        var clinician = await portal.UserAsync(clinic.Id, Roles.Clinician);
        var prescriptionIds = new List<Guid>();
        var addresses = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        await using (var s = portal.SystemDb())
        {
            var template = await s.Db.RoutineTemplates.Include(t => t.Items).ThenInclude(i => i.Exercise)
                .SingleAsync(t => t.ClinicId == null && t.Slug == "lower-back");
            // Started 8 days ago but saved now: a reminder at 08:00 UTC on each of the next 10 days, and no check-in
            // or nudge inside the window.
            var start = LocalDates.UtcToday(DateTimeOffset.UtcNow).AddDays(-8);
            for (var i = 0; i < routines; i++)
            {
                var patient = new Core.Patients.Patient
                {
                    Id = Guid.NewGuid(), ClinicId = clinic.Id, FirstName = "Pat", LastName = "Many" + i,
                    Email = $"many-{i}-{TestData.Unique()}@test.example", TimeZoneId = "Etc/UTC", EmailConsent = true, CreatedAt = DateTimeOffset.UtcNow,
                };
                s.Db.Patients.Add(patient);
                addresses.Add(patient.Email);
                var (prescription, _) = PrescriptionFromTemplate.Create(template, clinic.Id, patient.Id, clinician.Id, "Test Clinician",
                    start, new TimeOnly(8, 0), DateTimeOffset.UtcNow, DaysOfWeek.Every, 4, 1);
                s.Db.Prescriptions.Add(prescription);
                prescriptionIds.Add(prescription.Id);
            }
            await s.Db.SaveChangesAsync();
        }
        log.WriteLine($"{routines} patients with a daily routine stored: {clock.Elapsed.TotalSeconds:0.0} s");

        // The recurring planner (every 10 s, on whichever instance, overlapping runs on both) fills the window.
        await using var connection = new NpgsqlConnection(portal.InstancesConnectionString);
        await connection.OpenAsync();
        var ids = prescriptionIds.ToArray();
        async Task<long> CountAsync(string where)
        {
            await using var command = new NpgsqlCommand($"SELECT count(*) FROM \"ScheduledEmails\" WHERE \"PrescriptionId\" = ANY(@ids) AND {where}", connection);
            command.Parameters.AddWithValue("ids", ids);
            return (long)(await command.ExecuteScalarAsync())!;
        }
        var planned = 0L;
        for (var deadline = DateTime.UtcNow.AddMinutes(3); DateTime.UtcNow < deadline && planned < routines * perRoutine; await Task.Delay(500))
            planned = await CountAsync("\"Kind\" = 'Reminder'");
        log.WriteLine($"{planned} reminders planned: {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.Equal(routines * perRoutine, planned);
        // Nothing else for these patients but each routine's two-weekly questionnaire (day 14, in 6 days), left out below.
        Assert.Equal(planned, await CountAsync("\"Kind\" <> 'Questionnaire'"));

        // Ten days pass: every reminder is due now (the instances' clocks are real; the rows are moved instead).
        await using (var command = new NpgsqlCommand("UPDATE \"ScheduledEmails\" SET \"DueAt\" = now() - interval '1 minute' WHERE \"PrescriptionId\" = ANY(@ids) AND \"Kind\" = 'Reminder'", connection))
        {
            command.Parameters.AddWithValue("ids", ids);
            await command.ExecuteNonQueryAsync();
        }
        // Waits as long as sending goes on (a loaded 2-core machine sends 10 000 in 2-5 minutes), and fails as soon as
        // nothing more has been sent for a minute: a stuck sender, not a slow one.
        var sent = 0L;
        var progressed = DateTime.UtcNow;
        for (var deadline = DateTime.UtcNow.AddMinutes(12); DateTime.UtcNow < deadline && sent < planned && DateTime.UtcNow - progressed < TimeSpan.FromMinutes(1); await Task.Delay(1000))
        {
            var now = await CountAsync("\"State\" = 'Sent'");
            if (now > sent) (sent, progressed) = (now, DateTime.UtcNow);
        }
        log.WriteLine($"{sent} sent: {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.Equal(planned, sent);

        var rows = new List<(string MessageId, string ClaimedBy)>();
        await using (var command = new NpgsqlCommand("SELECT \"MessageId\", \"ClaimedBy\" FROM \"ScheduledEmails\" WHERE \"PrescriptionId\" = ANY(@ids) AND \"Kind\" = 'Reminder'", connection))
        {
            command.Parameters.AddWithValue("ids", ids);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) rows.Add((reader.GetString(0), reader.GetString(1)));
        }
        // Both instances sent (a sender's name starts with machine/process id).
        var senders = rows.GroupBy(r => r.ClaimedBy.Split('/')[1]).ToDictionary(g => g.Key, g => g.Count());
        log.WriteLine("sent by process: " + string.Join(", ", senders.Select(p => $"{p.Key}: {p.Value}")));
        Assert.Equal(portal.Instances.Select(i => i.Pid.ToString(CultureInfo.InvariantCulture)).Order(), senders.Keys.Order());

        var delivered = portal.Smtp.ReceivedEmail.Where(m => m.ToAddresses.Any(a => addresses.Contains(a.Address)))
            .Select(m => m.Headers["Message-ID"]!.Trim('<', '>')).ToList();
        Assert.Equal(routines * perRoutine, delivered.Count); // exactly once: no copy
        Assert.Equal(rows.Select(r => r.MessageId).Order(), delivered.Order());
    }

    [Theory]
    [InlineData("SIGTERM")]
    [InlineData("SIGKILL")]
    public async Task Stopping_one_instance_under_load_loses_no_request_nginx_can_retry_and_no_session_log(string signal)
    {
        const int clients = 12, days = 8, sessions = 3;
        await portal.BothRunningAsync();
        var victim = portal.Instances[signal == "SIGTERM" ? 0 : 1];
        var clinic = await portal.ClinicAsync();
        var patients = new List<(Guid Patient, PortalClient Client, ServedBy Served, AngleSharp.Html.Dom.IHtmlDocument Page)>();
        for (var i = 0; i < clients; i++)
        {
            var patient = await portal.PatientAsync(clinic.Id);
            await portal.PrescriptionAsync(clinic.Id, patient.Id, Today.AddDays(-10), sessionsPerDay: sessions);
            var user = await portal.UserAsync(clinic.Id, Roles.Patient, patient.Id);
            var (client, served) = portal.Client($"127.0.{(signal == "SIGTERM" ? 1 : 2)}.{i + 1}");
            Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync(user.Email!, TestData.Password)).StatusCode);
            var (_, page) = await client.GetPageAsync("/me/log");
            patients.Add((patient.Id, client, served, page));
        }

        // Each patient opens the home page and logs a session, 24 times (pain before = a number of the day and
        // session); one instance is stopped after the first 40 logs.
        static int Pain(int day, int session) => (day * sessions + session) % 11;
        var posted = 0;
        var stopped = new TaskCompletionSource();
        async Task<List<(int Day, int Session, HttpStatusCode Status)>> WorkAsync(PortalClient client)
        {
            var results = new List<(int, int, HttpStatusCode)>();
            for (var d = 0; d < days; d++)
            {
                for (var s = 1; s <= sessions; s++)
                {
                    var home = await client.GetAsync("/me");
                    Assert.Equal(HttpStatusCode.OK, home.StatusCode); // a GET is never lost: nginx retries it on the other instance
                    var (response, _) = await client.PostPageAsync(patients.Single(p => p.Client == client).Page,
                        $"/me/log?date={Today.AddDays(-d):yyyy-MM-dd}&session={s}", [new("Input.PainBefore", Pain(d, s).ToString(CultureInfo.InvariantCulture))], "main form[method=post]");
                    results.Add((d, s, response.StatusCode));
                    if (Interlocked.Increment(ref posted) == 40) _ = Task.Run(async () =>
                    {
                        if (signal == "SIGTERM") await victim.TerminateAsync(TimeSpan.FromSeconds(60));
                        else await victim.KillAsync();
                        stopped.SetResult();
                    });
                }
            }
            return results;
        }
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var work = await Task.WhenAll(patients.Select(p => Task.Run(() => WorkAsync(p.Client)))).WaitAsync(TimeSpan.FromMinutes(4));
        await stopped.Task.WaitAsync(TimeSpan.FromMinutes(1));
        log.WriteLine($"{clients * days * sessions} logs and as many home pages in {clock.Elapsed.TotalSeconds:0.0} s; {victim.Name} stopped with {signal} after 40 logs");

        var answers = patients.SelectMany(p => p.Served.Answers).Where(a => a.Path.StartsWith("/me", StringComparison.Ordinal)).ToList();
        var victimUpstream = portal.UpstreamOf(victim);
        log.WriteLine($"answered by {victim.Name}: {answers.Count(a => a.Upstream == victimUpstream)}, by the other: {answers.Count(a => a.Upstream != victimUpstream)}");
        Assert.Contains(answers, a => a.Upstream == victimUpstream);

        // A post the stopped instance had received and not answered cannot be retried by nginx (it may have been
        // saved): the patient sees "bad gateway" and sends it again, which never doubles a log.
        var failures = 0;
        foreach (var ((patientId, client, _, page), results) in patients.Zip(work))
        {
            foreach (var (d, s, status) in results.Where(r => r.Status != HttpStatusCode.Redirect))
            {
                failures++;
                Assert.True(status == HttpStatusCode.BadGateway, $"a log answered {(int)status}");
                var (again, _) = await client.PostPageAsync(page, $"/me/log?date={Today.AddDays(-d):yyyy-MM-dd}&session={s}",
                    [new("Input.PainBefore", Pain(d, s).ToString(CultureInfo.InvariantCulture))], "main form[method=post]");
                Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
            }
        }
        log.WriteLine($"{failures} posts answered 502 and were sent again");

        var ids = patients.Select(p => p.Patient).ToList();
        await using (var s = portal.SystemDb())
        {
            var logs = await s.Db.SessionLogs.AsNoTracking().Where(l => ids.Contains(l.PatientId))
                .Select(l => new { l.PatientId, l.LocalDate, l.Session, l.PainBefore }).ToListAsync();
            Assert.Equal(clients * days * sessions, logs.Count);
            Assert.Equal(logs.Count, logs.Select(l => (l.PatientId, l.LocalDate, l.Session)).Distinct().Count());
            Assert.All(logs, l => Assert.Equal(Pain(Today.DayNumber - l.LocalDate.DayNumber, l.Session), l.PainBefore));
        }
        await portal.BothRunningAsync();
    }
}

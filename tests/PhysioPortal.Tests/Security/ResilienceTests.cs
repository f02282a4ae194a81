using System.Net;
using Microsoft.EntityFrameworkCore;
using PhysioPortal.Core;
using PhysioPortal.Core.Adherence;
using PhysioPortal.Core.Identity;
using PhysioPortal.Tests.Infrastructure;
using PhysioPortal.Tests.Reminders;

namespace PhysioPortal.Tests.Security;

/// <summary>The database goes away while requests run; the portal recovers by itself and loses nothing saved.</summary>
[Collection(PortalCollection.Name)]
public class ResilienceTests(PortalFactory factory, Xunit.Abstractions.ITestOutputHelper log)
{
    private static void Database(string verb) => PortalCommand.DbOk([verb]);

    [Fact]
    public async Task A_database_restart_during_requests_heals_by_itself_and_keeps_saved_logs()
    {
        var today = LocalDates.PatientToday("Europe/London", DateTimeOffset.UtcNow);
        var clinic = await factory.ClinicAsync();
        var patient = await factory.PatientAsync(clinic.Id);
        await factory.PrescriptionAsync(clinic.Id, patient.Id, today.AddDays(-10));
        var (client, _) = await factory.SignedInAsync(clinic.Id, Roles.Patient, patient.Id);

        var (_, page) = await client.GetPageAsync("/me/log");
        var (before, _) = await client.PostPageAsync(page, $"/me/log?date={today.AddDays(-1):yyyy-MM-dd}", [new("Input.PainBefore", "4")], "main form[method=post]");
        Assert.Equal(HttpStatusCode.Redirect, before.StatusCode);

        Database("stop");
        Task<(HttpResponseMessage Response, AngleSharp.Html.Dom.IHtmlDocument Document)> during;
        try
        {
            // Sent while the server is down: EF's retry strategy keeps trying until it is back.
            during = client.PostPageAsync(page, $"/me/log?date={today:yyyy-MM-dd}", [new("Input.PainBefore", "3")], "main form[method=post]");
            await Task.Delay(TimeSpan.FromSeconds(3));
            Assert.False(during.IsCompleted, "the request should still be waiting for the database");
        }
        finally
        {
            Database("start");
            // Idle pooled connections (Hangfire's, the tests' own) died with the server: later tests should not meet
            // them (the dashboard answered 500 on its first query otherwise).
            Npgsql.NpgsqlConnection.ClearAllPools();
        }
        var (response, _) = await during.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        // Health is green again without anyone restarting the portal.
        var healthy = false;
        for (var i = 0; i < 30 && !healthy; i++)
        {
            healthy = await (await factory.Client().GetAsync("/health")).Content.ReadAsStringAsync() == "Healthy";
            if (!healthy) await Task.Delay(500);
        }
        Assert.True(healthy);

        await using var s = factory.SystemDb();
        var logs = await s.Db.SessionLogs.Where(l => l.PatientId == patient.Id).OrderBy(l => l.LocalDate).ToListAsync();
        Assert.Equal([today.AddDays(-1), today], logs.Select(l => l.LocalDate));
        Assert.Equal([4, 3], logs.Select(l => l.PainBefore!.Value));
    }

    [Fact]
    public async Task The_jobs_dashboard_answers_after_a_database_restart_without_anyone_clearing_connections()
    {
        var clinic = await factory.ClinicAsync();
        await factory.UserAsync(clinic.Id, Roles.Admin, email: PortalFactory.SecondOperatorEmail);
        var client = factory.Client();
        Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync(PortalFactory.SecondOperatorEmail, TestData.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/jobs")).StatusCode); // Hangfire's pool now holds connections

        Database("stop");
        Database("start");
        try
        {
            // The idle pooled connections died with the server; the first query meets one.
            var after = await client.GetAsync("/admin/jobs");
            Assert.Equal(HttpStatusCode.OK, after.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/jobs/recurring")).StatusCode);
        }
        finally
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
        }
    }

    [Fact]
    public async Task A_database_restart_during_session_logs_from_20_clients_keeps_every_answered_log_and_doubles_none()
    {
        const int clients = 20, days = 4;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var today = LocalDates.PatientToday("Europe/London", DateTimeOffset.UtcNow);
        var clinic = await factory.ClinicAsync();
        var patients = new List<(Guid Patient, PortalClient Client, AngleSharp.Html.Dom.IHtmlDocument Page)>();
        for (var i = 0; i < clients; i++)
        {
            var patient = await factory.PatientAsync(clinic.Id);
            await factory.PrescriptionAsync(clinic.Id, patient.Id, today.AddDays(-10));
            var (client, _) = await factory.SignedInAsync(clinic.Id, Roles.Patient, patient.Id);
            var (_, page) = await client.GetPageAsync("/me/log");
            patients.Add((patient.Id, client, page));
        }

        // Each client logs five days, one post after another (pain before = the day's number, to tell them apart);
        // the database stops and starts while they post.
        var answered = 0;
        async Task<List<(DateOnly Day, HttpResponseMessage Response, string Body)>> PostDaysAsync(PortalClient client, AngleSharp.Html.Dom.IHtmlDocument page)
        {
            var results = new List<(DateOnly, HttpResponseMessage, string)>();
            for (var d = 1; d <= days; d++)
            {
                var day = today.AddDays(-d);
                var (response, document) = await client.PostPageAsync(page, $"/me/log?date={day:yyyy-MM-dd}", [new("Input.PainBefore", d.ToString(System.Globalization.CultureInfo.InvariantCulture))], "main form[method=post]");
                results.Add((day, response, document.Body?.TextContent ?? ""));
                Interlocked.Increment(ref answered);
            }
            return results;
        }
        log.WriteLine($"{clients} patients signed in: {clock.Elapsed.TotalSeconds:0.0} s");
        var posting = patients.Select(p => Task.Run(() => PostDaysAsync(p.Client, p.Page))).ToList();
        Assert.True(await ReminderTestData.EventuallyAsync(() => Task.FromResult(answered >= clients), TimeSpan.FromSeconds(60)), "the clients did not get going");
        log.WriteLine($"stopping the database after {answered} answers: {clock.Elapsed.TotalSeconds:0.0} s");
        Database("stop");
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
        finally
        {
            Database("start");
            Npgsql.NpgsqlConnection.ClearAllPools();
        }
        var results = (await Task.WhenAll(posting).WaitAsync(TimeSpan.FromMinutes(2))).Select((r, i) => (patients[i], r)).ToList();

        log.WriteLine($"all posts answered: {clock.Elapsed.TotalSeconds:0.0} s");
        var failures = new List<string>();
        var saved = 0;
        foreach (var ((patientId, client, page), posts) in results)
        {
            foreach (var (day, response, body) in posts)
            {
                if (response.StatusCode == HttpStatusCode.Redirect) { saved++; continue; }
                // Not saved: a clear answer the client can act on, never a 500; sending it again saves it.
                if (response.StatusCode != HttpStatusCode.ServiceUnavailable || !body.Contains("Not saved: please try again", StringComparison.Ordinal))
                    failures.Add($"{day}: {(int)response.StatusCode} {body.Trim()[..Math.Min(120, body.Trim().Length)]}");
                var (again, _) = await client.PostPageAsync(page, $"/me/log?date={day:yyyy-MM-dd}", [new("Input.PainBefore", (today.DayNumber - day.DayNumber).ToString(System.Globalization.CultureInfo.InvariantCulture))], "main form[method=post]");
                Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
            }
            // A client that never saw its answer sends the first day again: one log, not two.
            var (repeat, _) = await client.PostPageAsync(page, $"/me/log?date={today.AddDays(-1):yyyy-MM-dd}", [new("Input.PainBefore", "1")], "main form[method=post]");
            Assert.Equal(HttpStatusCode.Redirect, repeat.StatusCode);
        }
        log.WriteLine($"{saved} saved at once, {clients * days - saved} answered 503 and saved when sent again: {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(saved > 0);

        var ids = patients.Select(p => p.Patient).ToList();
        await using var s = factory.SystemDb();
        var logs = await s.Db.SessionLogs.AsNoTracking().Where(l => ids.Contains(l.PatientId)).Select(l => new { l.PatientId, l.LocalDate, l.Session, l.PainBefore }).ToListAsync();
        Assert.Equal(clients * days, logs.Count);
        Assert.Equal(clients * days, logs.Select(l => (l.PatientId, l.LocalDate, l.Session)).Distinct().Count());
        Assert.All(logs, l => Assert.Equal(today.DayNumber - l.LocalDate.DayNumber, l.PainBefore));
    }
}

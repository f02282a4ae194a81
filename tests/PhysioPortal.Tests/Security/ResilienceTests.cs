using System.Net;
using Microsoft.EntityFrameworkCore;
using PhysioPortal.Core;
using PhysioPortal.Core.Adherence;
using PhysioPortal.Core.Identity;
using PhysioPortal.Tests.Infrastructure;

namespace PhysioPortal.Tests.Security;

/// <summary>The database goes away while requests run; the portal recovers by itself and loses nothing saved.</summary>
[Collection(PortalCollection.Name)]
public class ResilienceTests(PortalFactory factory)
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
}

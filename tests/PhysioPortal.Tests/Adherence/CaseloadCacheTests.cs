using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using PhysioPortal.Core;
using PhysioPortal.Core.Adherence;
using PhysioPortal.Core.Exercises;
using PhysioPortal.Core.Identity;
using PhysioPortal.Core.Patients;
using PhysioPortal.Tests.Infrastructure;
using PhysioPortal.Tests.Reminders;
using Xunit.Abstractions;

namespace PhysioPortal.Tests.Adherence;

/// <summary>
/// The clinician home's cached caseload is the from-scratch computation (SlippingPatients) after any writes and any
/// turn of the day in the patients' time zones, and is never stale after a write.
/// </summary>
[Collection(PortalCollection.Name)]
public class CaseloadCacheTests(PortalFactory factory, ITestOutputHelper output)
{
    // Zones with and without daylight saving, on both hemispheres, with half- and three-quarter-hour offsets.
    private static readonly string[] Zones =
        ["Europe/London", "America/New_York", "Australia/Sydney", "Pacific/Auckland", "Asia/Kolkata", "America/St_Johns", "Pacific/Chatham", "UTC", "Nonsense/Zone"];

    // Each start is a day or two before a daylight saving change: 2026-03-08 (US), 2026-03-29 (EU), 2026-04-05
    // (Australia, New Zealand), 2026-10-25 (EU), 2026-11-01 (US).
    [Theory]
    [InlineData(1, "2026-03-06T09:30:00Z")]
    [InlineData(2, "2026-03-27T22:15:00Z")]
    [InlineData(3, "2026-04-03T13:00:00Z")]
    [InlineData(4, "2026-10-23T18:45:00Z")]
    [InlineData(5, "2026-10-30T04:10:00Z")]
    public async Task The_cached_caseload_equals_the_computation_from_scratch_over_random_schedules_zones_and_logs(int seed, string start)
    {
        var random = new Random(seed);
        var clock = FakeClock.At(start);
        var clinic = await factory.ClinicAsync();
        var clinician = await factory.UserAsync(clinic.Id, Roles.Clinician);
        var utcToday = LocalDates.UtcToday(clock.Now);
        var patients = new List<Patient>();
        for (var i = 0; i < 8; i++)
        {
            var zone = Zones[random.Next(Zones.Length)];
            var patient = await factory.PatientAsync(clinic.Id, p => p.TimeZoneId = zone);
            var days = (DaysOfWeek)random.Next(1, 128);
            await factory.PrescriptionAsync(clinic.Id, patient.Id, utcToday.AddDays(random.Next(-20, 3)), days,
                weeks: random.Next(1, 4), clinicianUserId: clinician.Id, sessionsPerDay: random.Next(1, 3));
            patients.Add(patient);
        }

        var versions = factory.Services.GetRequiredService<ClinicDataVersions>();
        var cache = new CaseloadCache(versions, clock);
        var checks = 0;
        for (var step = 0; step < 120; step++)
        {
            switch (random.Next(4))
            {
                case 0: // time passes: often over a local midnight, and over the daylight saving change
                    clock.Advance(TimeSpan.FromMinutes(random.Next(20, 14 * 60)));
                    break;
                case 1: // a patient logs a session of one of the last days (refused ones are simply not saved)
                    await using (var s = factory.SystemDb())
                    {
                        var logger = new SessionLogger(s.Db, clock);
                        var patient = patients[random.Next(patients.Count)];
                        if (await logger.RoutineAsync(patient.Id) is { } routine)
                        {
                            int? Pain() => random.Next(3) == 0 ? null : random.Next(0, 11);
                            await logger.LogAsync(routine, routine.Today.AddDays(-random.Next(0, 8)), random.Next(1, 3),
                                new SessionReport([], Pain(), Pain(), null, null), LogSource.Site);
                        }
                    }
                    break;
            }
            await using (var s = factory.SystemDb())
            {
                var slipping = new SlippingPatients(s.Db, clock);
                var cached = Describe(await cache.GetAsync(clinic.Id, clinician.Id, slipping));
                var fresh = Describe(await new SlippingPatients(s.Db, clock).CaseloadAsync(clinician.Id));
                Assert.True(fresh == cached, $"step {step} at {clock.Now:u}:\ncached {cached}\nfresh  {fresh}");
                checks++;
            }
        }
        output.WriteLine($"{checks} comparisons, {cache.Hits} answered from the cache, {cache.PartialRefreshes} by re-reading only the logged prescriptions");
        Assert.InRange(cache.Hits, 10, checks - 5); // the cache was used, and was refreshed too
        Assert.True(cache.PartialRefreshes > 0, "a log should re-read only its prescription, not the whole caseload");
    }

    [Fact]
    public async Task Concurrent_misses_share_one_computation_and_a_write_starts_a_new_one()
    {
        var versions = new ClinicDataVersions();
        var cache = new CaseloadCache(versions, TimeProvider.System);
        var clinic = Guid.NewGuid();
        var computed = 0;
        var gate = new TaskCompletionSource();
        async Task<(string, IReadOnlyDictionary<string, DateOnly>?)> Compute()
        {
            Interlocked.Increment(ref computed);
            await gate.Task;
            return ($"v{Volatile.Read(ref computed)}", null);
        }
        var readers = Enumerable.Range(0, 16).Select(_ => cache.GetAsync(clinic, "k", Compute)).ToList();
        gate.SetResult();
        Assert.All(await Task.WhenAll(readers), v => Assert.Equal("v1", v));
        Assert.Equal(1, computed);
        Assert.Equal("v1", await cache.GetAsync(clinic, "k", Compute)); // from the cache
        versions.Changed(clinic);
        Assert.Equal("v2", await cache.GetAsync(clinic, "k", Compute)); // a write: computed again
        // Another clinic's entry of the same key is its own.
        Assert.Equal("other clinic", await cache.GetAsync(Guid.NewGuid(), "k", () => Task.FromResult<(string, IReadOnlyDictionary<string, DateOnly>?)>(("other clinic", null))));
    }

    [Fact]
    public void Changes_of_logs_only_are_told_apart_from_others_however_many()
    {
        var versions = new ClinicDataVersions();
        var clinic = Guid.NewGuid();
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        var start = versions.Current(clinic).Clinic;
        for (var i = 0; i < 2000; i++) versions.Changed(clinic, [i % 2 == 0 ? a : b]); // a bench round of log posts
        Assert.Equal(new HashSet<Guid> { a, b }, versions.LogsChangedSince(clinic, start));
        var middle = versions.Current(clinic).Clinic;
        versions.Changed(clinic, [a]);
        Assert.Equal(new HashSet<Guid> { a }, versions.LogsChangedSince(clinic, middle));
        versions.Changed(clinic); // a patient or prescription written
        Assert.Null(versions.LogsChangedSince(clinic, middle));
        Assert.Empty(versions.LogsChangedSince(clinic, versions.Current(clinic).Clinic)!);
    }

    private static string Describe(ClinicianCaseload c)
    {
        var b = new StringBuilder().Append(c.ActiveCount).Append(" active; just started ");
        b.AppendJoin(",", c.JustStarted.Order()).Append("; slipping ");
        foreach (var r in c.Slipping)
        {
            b.Append($"[{r.PatientId} {r.Week.Scheduled}/{r.Week.Logged} {r.Pain.First}->{r.Pain.Latest} {r.JustStarted}]");
        }
        return b.ToString();
    }

    [Fact]
    public async Task A_log_shows_on_the_clinician_home_at_once()
    {
        var clinic = await factory.ClinicAsync();
        var (clinician, clinicianUser) = await factory.SignedInAsync(clinic.Id, Roles.Clinician);
        var patient = await factory.PatientAsync(clinic.Id, p => p.FirstName = "Cached");
        var today = LocalDates.PatientToday(patient.TimeZoneId, DateTimeOffset.UtcNow);
        await factory.PrescriptionAsync(clinic.Id, patient.Id, today.AddDays(-10), clinicianUserId: clinicianUser.Id);
        await using (var s = factory.SystemDb())
        {
            var logger = new SessionLogger(s.Db, TimeProvider.System);
            var routine = (await logger.RoutineAsync(patient.Id))!;
            for (var d = 1; d <= 10; d++)
                await logger.LogAsync(routine, today.AddDays(-d), 1, new SessionReport([], 3, null, null, null), LogSource.Site);
        }
        // Every day logged, pain steady: not slipping (read twice: the second answer comes from the cache).
        for (var i = 0; i < 2; i++)
        {
            var (_, before) = await clinician.GetPageAsync("/clinic");
            Assert.DoesNotContain(patient.FullName, SlippingNames(before));
        }

        // The patient logs today with pain up by 3, through the page; the clinician's next view shows it.
        var (patientClient, _) = await factory.SignedInAsync(clinic.Id, Roles.Patient, patient.Id);
        var posted = await patientClient.SubmitFormAsync("/me/log", new Dictionary<string, string> { ["Input.PainBefore"] = "6" }, "main form[method=post]");
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var (_, after) = await clinician.GetPageAsync("/clinic");
        Assert.Contains(patient.FullName, SlippingNames(after));
    }

    private static List<string> SlippingNames(AngleSharp.Dom.IDocument page) =>
        page.QuerySelectorAll(".slipping tbody tr").Select(r => r.QuerySelector("td")!.TextContent.Trim()).ToList();
}

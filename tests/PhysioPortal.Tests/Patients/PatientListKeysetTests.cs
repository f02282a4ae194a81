using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PhysioPortal.Core.Data;
using PhysioPortal.Core.Patients;
using PhysioPortal.Tests.Infrastructure;

namespace PhysioPortal.Tests.Patients;

/// <summary>
/// Deep pages of the patient list: the next page's link reads on from the last patient (keyset) and shows the same rows
/// and counts as counting the pages out would. (Which index each search shape uses is checked where the planner sees
/// real numbers: `./portal bench` prints PostgreSQL's plan of every shape at 100 000 patients.)
/// </summary>
[Collection(PortalCollection.Name)]
public class PatientListKeysetTests(PortalFactory factory)
{
    private const int Patients = 3000;

    // One large clinic for the class.
    private static Task<Guid>? _large;
    private static readonly Lock LargeLock = new();

    private Task<Guid> LargeClinicAsync()
    {
        lock (LargeLock) return _large ??= InsertLargeClinicAsync();
    }

    private async Task<Guid> InsertLargeClinicAsync()
    {
        var clinic = await factory.ClinicAsync();
        await using var s = factory.SystemDb();
        // 1 in 100 is a Smith, 1 in 200 an O'Brien; the rest have made-up names; 1 in 20 is archived.
        await s.Db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO "Patients" ("Id", "ClinicId", "FirstName", "LastName", "Email", "TimeZoneId", "ReminderTime", "EmailConsent",
                                    "Conditions", "RedFlags", "CreatedAt", "ArchivedAt")
            SELECT gen_random_uuid(), {clinic.Id}, 'Pat' || n,
                   CASE WHEN n % 100 = 0 THEN 'Smith' WHEN n % 200 = 1 THEN 'O''Brien' ELSE initcap(substr(md5(n::text), 1, 8)) END,
                   'pat' || n || '@plan.example', 'Europe/London', '08:00', false, 1 << (n % 9), 0, now(),
                   CASE WHEN n % 20 = 0 THEN now() END
            FROM generate_series(1, {Patients}) n
            """);
        return clinic.Id;
    }

    [Fact]
    public async Task The_next_link_reads_on_from_the_last_patient_and_shows_what_counting_shows()
    {
        var clinic = await LargeClinicAsync();
        await using var scope = factory.Services.CreateAsyncScope();
        await using var db = scope.ServiceProvider.GetRequiredService<PortalContexts>().ForClinic(clinic);
        var list = new PatientList(db);
        var page = await list.FindAsync(new PatientListQuery([], null, PatientListStatus.Current, 1));
        for (var n = 2; n <= 8; n++)
        {
            var counted = await list.FindAsync(new PatientListQuery([], null, PatientListStatus.Current, n));
            var keyset = await list.FindAsync(new PatientListQuery([], null, PatientListStatus.Current, n, page.Rows[^1].Id));
            Assert.Equal(counted.Rows.Select(r => r.Id), keyset.Rows.Select(r => r.Id));
            Assert.Equal((counted.PageNumber, counted.Total, counted.TotalIsExact), (keyset.PageNumber, keyset.Total, keyset.TotalIsExact));
            page = keyset;
        }

        // A patient of another clinic named as "after" is not a key here: the page is counted out as usual.
        var other = await factory.PatientAsync((await factory.ClinicAsync()).Id);
        var foreign = await list.FindAsync(new PatientListQuery([], null, PatientListStatus.Current, 3, other.Id));
        var counted3 = await list.FindAsync(new PatientListQuery([], null, PatientListStatus.Current, 3));
        Assert.Equal(counted3.Rows.Select(r => r.Id), foreign.Rows.Select(r => r.Id));
    }
}

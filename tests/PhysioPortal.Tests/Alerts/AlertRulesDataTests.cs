using Microsoft.EntityFrameworkCore;
using PhysioPortal.Core.Adherence;
using PhysioPortal.Core.Alerts;
using PhysioPortal.Tests.Infrastructure;

namespace PhysioPortal.Tests.Alerts;

/// <summary>
/// The logs a session log's alert rules read (<see cref="AlertRaiser.LogsForRules"/>: the first week, the last logs with
/// a pain score, the log before) give the same alerts as every log of the prescription, on PostgreSQL, for random
/// histories and arriving logs old and new.
/// </summary>
[Collection(PortalCollection.Name)]
public class AlertRulesDataTests(PortalFactory factory)
{
    [Fact]
    public async Task The_bounded_read_raises_what_every_log_would()
    {
        var clinic = await factory.ClinicAsync();
        var patient = await factory.PatientAsync(clinic.Id);
        var start = new DateOnly(2026, 3, 2);
        var rx = await factory.PrescriptionAsync(clinic.Id, patient.Id, start, weeks: 12, sessionsPerDay: 2);
        var random = new Random(14);
        var logs = new List<SessionLog>();
        await using (var s = factory.SystemDb())
        {
            var version = await s.Db.PrescriptionVersions.Where(v => v.PrescriptionId == rx.Id).Select(v => v.Id).SingleAsync();
            for (var day = 0; day < 70; day++)
            {
                for (var session = 1; session <= 2; session++)
                {
                    if (random.NextDouble() < 0.35) continue;
                    int? before = random.NextDouble() < 0.2 ? null : Math.Min(10, day / 12 + random.Next(0, 4));
                    var log = new SessionLog
                    {
                        Id = Guid.NewGuid(), ClinicId = clinic.Id, PatientId = patient.Id, PrescriptionId = rx.Id, PrescriptionVersionId = version,
                        LocalDate = start.AddDays(day), Session = session, PainBefore = before, PainAfter = before is { } b ? Math.Clamp(b + random.Next(-1, 3), 0, 10) : null,
                        Difficulty = (Difficulty)random.Next(0, 3), LoggedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
                    };
                    logs.Add(log);
                    s.Db.SessionLogs.Add(log);
                }
            }
            await s.Db.SaveChangesAsync();
        }

        var checkedCount = 0;
        var raisedCount = 0;
        await using (var s = factory.SystemDb())
        {
            // Arriving logs: updates of existing ones (any of them) and new ones on days without a log.
            var arriving = logs.Where((_, i) => i % 3 == 0).Select(l => (l.LocalDate, l.Session, l.Id))
                .Concat(Enumerable.Range(0, 70).Select(d => (LocalDate: start.AddDays(d), Session: 2, Id: Guid.NewGuid()))
                    .Where(a => !logs.Any(l => l.LocalDate == a.LocalDate && l.Session == a.Session)))
                .ToList();
            foreach (var (date, session, id) in arriving)
            {
                foreach (var difficulty in new[] { Difficulty.TooHard, Difficulty.AboutRight })
                {
                    var pain = random.Next(0, 11);
                    var facts = new LogFacts(id, date, session, pain, Math.Min(10, pain + random.Next(0, 3)), difficulty, null);
                    var every = logs.Where(l => l.Id != id)
                        .Select(l => new LogFacts(l.Id, l.LocalDate, l.Session, l.PainBefore, l.PainAfter, l.Difficulty, null)).Append(facts).ToList();
                    var read = await AlertRaiser.LogsForRules(s.Db, rx.Id, start, date, session).ToListAsync();
                    Assert.True(read.DistinctBy(l => l.Id).Count() <= 7 * 2 + AlertRules.RecentLogs + 3, $"{read.Count} logs read");
                    var bounded = read.Where(l => l.Id != id).DistinctBy(l => l.Id)
                        .Select(l => new LogFacts(l.Id, l.LocalDate, l.Session, l.PainBefore, l.PainAfter, l.Difficulty, null)).Append(facts).ToList();
                    var expected = AlertRules.ForLog(facts, every, start).Select(a => (a.Kind, a.UniqueKey, a.Summary)).ToList();
                    Assert.Equal(expected, AlertRules.ForLog(facts, bounded, start).Select(a => (a.Kind, a.UniqueKey, a.Summary)).ToList());
                    checkedCount++;
                    raisedCount += expected.Count(a => a.Kind is AlertKind.PainRising or AlertKind.TooHard);
                }
            }
        }
        Assert.True(checkedCount > 60, $"{checkedCount} arriving logs checked");
        Assert.True(raisedCount > 10, $"only {raisedCount} pain-rising or too-hard alerts among the arriving logs: the histories test too little");
    }
}

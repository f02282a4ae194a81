using System.Diagnostics;
using System.Net;
using Microsoft.EntityFrameworkCore;
using netDumbster.smtp;
using PhysioPortal.Core.Reminders;
using PhysioPortal.Tests.Infrastructure;

namespace PhysioPortal.Tests.Reminders;

/// <summary>
/// The sender as a real child process, killed (SIGKILL) at several points of a 500-email run and started again: every
/// email arrives, each Message-ID once, and a killed connection costs at most one copy sent again.
/// </summary>
[Collection(PortalCollection.Name)]
public class CrashSafeDeliveryTests(PortalFactory factory, Xunit.Abstractions.ITestOutputHelper log)
{
    private const int Emails = 500;

    /// <summary>Mine-received counts at which the SMTP server kills the sender before answering the message's final dot.</summary>
    private static readonly int[] KillBeforeTheAnswer = [60, 200, 340];

    /// <summary>After this many, the sender is killed wherever it is (composing, claiming, between emails, sending).</summary>
    private const int KillAnywhere = 430;

    private readonly Lock _gate = new();
    private Process? _child;
    private int _kills;

    [Fact]
    public async Task A_sender_killed_at_several_points_of_500_emails_delivers_every_one_once_by_message_id()
    {
        var clock = Stopwatch.StartNew();
        var (rows, addresses) = await DueEmailsAsync();
        log.WriteLine($"{Emails} due emails stored in {clock.Elapsed.TotalSeconds:0.0} s");
        using var smtp = Configuration.Configure().WithAddress(IPAddress.Loopback).WithRandomPort().Build();
        var mine = 0;
        smtp.MessageReceived += (_, e) =>
        {
            if (!e.Message.ToAddresses.Any(a => addresses.Contains(a.Address))) return;
            var n = Interlocked.Increment(ref mine);
            // The server holds the complete message and has not said "250" yet: the sender's outcome is unknown.
            if (KillBeforeTheAnswer.Contains(n)) Kill();
            if (n == KillAnywhere) _ = Task.Run(async () => { await Task.Delay(Random.Shared.Next(1, 30)); Kill(); });
        };

        var unknownAtKill = new List<int>();
        var notStartedAtKill = new List<int>();
        for (var start = 1; ; start++)
        {
            Assert.True(start <= 10, "the sender was started ten times without finishing");
            var (pid, exitCode, output) = await RunSenderAsync(smtp.Configuration.Port, rows[0].ClinicId);
            log.WriteLine($"sender {start} (process {pid}) ended with {exitCode} at {clock.Elapsed.TotalSeconds:0.0} s, {mine} received");
            if (exitCode == 0) break;
            Assert.True(exitCode == 137, $"the sender stopped by itself with {exitCode}:\n{output}");
            var held = await HeldAsync(rows, pid);
            unknownAtKill.Add(held.Unknown);
            notStartedAtKill.Add(held.NotStarted);
        }

        Assert.Equal(KillBeforeTheAnswer.Length + 1, _kills);
        // Only an email whose transaction reached DATA is of unknown outcome: one per kill before the answer (at most
        // one for the kill anywhere); every other claimed email had not started and simply went out again.
        Assert.All(unknownAtKill.Take(KillBeforeTheAnswer.Length), u => Assert.Equal(1, u));
        Assert.InRange(unknownAtKill[^1], 0, 1);
        Assert.True(notStartedAtKill.Sum() > 0, "no claimed-but-not-started email at any kill: the test did not test that");

        var stored = await StoredAsync(rows);
        Assert.All(stored, r => Assert.Equal((EmailState.Sent, $"{r.Id:N}@physioportal.test"), (r.State, r.MessageId)));
        var delivered = smtp.ReceivedEmail.Where(m => m.ToAddresses.Any(a => addresses.Contains(a.Address)))
            .Select(m => m.Headers["Message-ID"]!.Trim('<', '>')).ToList();
        var expected = rows.Select(r => $"{r.Id:N}@physioportal.test").ToHashSet();
        Assert.Equal(expected.Order(), delivered.Distinct().Order());
        var copies = delivered.Count - Emails;
        Assert.InRange(copies, KillBeforeTheAnswer.Length, _kills);
        // A copy is only ever the one resend of an email whose outcome was unknown, with the same Message-ID.
        var twice = delivered.GroupBy(m => m).Where(g => g.Count() > 1).ToList();
        Assert.All(twice, g => Assert.Equal(2, g.Count()));
        Assert.All(twice, g => Assert.Equal(1, stored.Single(r => $"{r.Id:N}@physioportal.test" == g.Key).UnknownOutcomes));
        Assert.All(stored, r => Assert.InRange(r.UnknownOutcomes, 0, 1));
    }

    private void Kill()
    {
        lock (_gate)
        {
            if (_child is not { HasExited: false } child) return;
            child.Kill(); // SIGKILL
            child.WaitForExit();
            _kills++;
        }
    }

    private async Task<(int Pid, int ExitCode, string Output)> RunSenderAsync(int smtpPort, Guid clinicId)
    {
        var dll = Path.Combine(SourceTree.Root, "tests", "PhysioPortal.SenderProcess", "bin", BuildConfiguration(), "net10.0", "PhysioPortal.SenderProcess.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing (the test project builds it)");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in (string[])[dll, "--db", factory.ConnectionString, "--smtp-port", smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "--lease-seconds", "2", "--clinic", clinicId.ToString()])
            start.ArgumentList.Add(a);
        Process child;
        lock (_gate)
        {
            child = Process.Start(start)!;
            _child = child;
        }
        using (child)
        {
            var output = child.StandardOutput.ReadToEndAsync();
            var error = child.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            await child.WaitForExitAsync(timeout.Token);
            return (child.Id, child.ExitCode, await output + await error);
        }
    }

    private static string BuildConfiguration() =>
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";

    /// <summary>500 emails due now: 10 patients, each with a daily routine, 25 reminders (one a day) and 25 check-ins.</summary>
    private async Task<(List<ScheduledEmail> Rows, HashSet<string> Addresses)> DueEmailsAsync()
    {
        var clinic = await factory.ClinicAsync();
        var now = DateTimeOffset.UtcNow;
        var start = DateOnly.FromDateTime(now.UtcDateTime).AddDays(-26);
        var rows = new List<ScheduledEmail>();
        var addresses = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var p = 0; p < 10; p++)
        {
            var patient = await factory.PatientAsync(clinic.Id);
            addresses.Add(patient.Email!);
            var rx = await factory.PrescriptionAsync(clinic.Id, patient.Id, start, new TimeOnly(8, 0));
            for (var i = 0; i < Emails / 20; i++)
            {
                var day = start.AddDays(i);
                rows.Add(Row(rx.ClinicId, rx.PatientId, rx.Id, EmailKind.Reminder, EmailSchedule.Key(EmailKind.Reminder, rx.Id, day), day, now));
                rows.Add(Row(rx.ClinicId, rx.PatientId, rx.Id, EmailKind.CheckIn, $"check-in:{rx.Id}:kill-test-{i}", null, now));
            }
        }
        await using var s = factory.SystemDb();
        s.Db.ScheduledEmails.AddRange(rows);
        await s.Db.SaveChangesAsync();
        return (rows, addresses);
    }

    private static ScheduledEmail Row(Guid clinicId, Guid patientId, Guid prescriptionId, EmailKind kind, string key, DateOnly? day, DateTimeOffset now) => new()
    {
        Id = Guid.NewGuid(), ClinicId = clinicId, Kind = kind, PatientId = patientId, PrescriptionId = prescriptionId,
        LocalDate = day, UniqueKey = key, DueAt = now.AddMinutes(-5), CreatedAt = now,
    };

    private async Task<List<ScheduledEmail>> StoredAsync(List<ScheduledEmail> rows)
    {
        var ids = rows.Select(r => r.Id).ToList();
        await using var s = factory.SystemDb();
        return await s.Db.ScheduledEmails.AsNoTracking().Where(e => ids.Contains(e.Id)).ToListAsync();
    }

    /// <summary>
    /// What the killed sender (process <paramref name="pid"/>) held: emails it had begun handing over, and emails it
    /// had claimed but not started. (An earlier one's may still wait for their lease: a run recovers at its start.)
    /// </summary>
    private async Task<(int Unknown, int NotStarted)> HeldAsync(List<ScheduledEmail> rows, int pid)
    {
        var held = (await StoredAsync(rows))
            .Where(r => r.State == EmailState.Sending && r.ClaimedBy!.StartsWith($"{Environment.MachineName}/{pid}/", StringComparison.Ordinal)).ToList();
        return (held.Count(r => r.DataStartedAt is not null), held.Count(r => r.DataStartedAt is null));
    }
}

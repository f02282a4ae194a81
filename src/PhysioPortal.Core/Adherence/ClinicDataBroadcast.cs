using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace PhysioPortal.Core.Adherence;

/// <summary>
/// Tells every portal process on the database that a clinic's caseload data changed, so that a figure one instance
/// keeps (<see cref="CaseloadCache"/>) is dropped when another instance writes. PostgreSQL's LISTEN/NOTIFY on one
/// channel: <see cref="ClinicDataChanges"/> hands each committed change here, a connection of this service sends it
/// (<c>pg_notify</c>) and the same connection listens for the others' and moves <see cref="ClinicDataVersions"/>.
/// A notification arrives a few milliseconds after the writer's commit (the writer's own process moves its version at
/// once). While the connection is down nothing is heard, so on every reconnection every clinic's version moves.
/// </summary>
public sealed class ClinicDataBroadcast(ClinicDataVersions versions, string connectionString, ILogger<ClinicDataBroadcast> logger) : BackgroundService
{
    public const string Channel = "physioportal_clinic_data";

    /// <summary>Payload for "several clinics or one not known" (otherwise the clinic's id).</summary>
    private const string Everywhere = "*";

    /// <summary>This process's tag on what it sends, so that it skips its own notifications.</summary>
    private readonly string _me = Guid.NewGuid().ToString("N")[..12];

    private readonly Channel<string> _outbox = System.Threading.Channels.Channel.CreateBounded<string>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    /// <summary>Set while a connection listens (for tests and the log).</summary>
    public bool Listening { get; private set; }

    public void Changed(Guid clinicId) => _outbox.Writer.TryWrite(clinicId.ToString());

    public void ChangedEverywhere() => _outbox.Writer.TryWrite(Everywhere);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(ListenLoopAsync(stoppingToken), SendLoopAsync(stoppingToken));

    /// <summary>A connection of its own that only listens (WaitAsync); reconnects after a failure.</summary>
    private async Task ListenLoopAsync(CancellationToken stoppingToken)
    {
        var first = true;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, KeepAlive = 15 };
                await using var connection = new NpgsqlConnection(builder.ConnectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, e) => Heard(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }
                // Changes sent while this process was not listening were not heard: every cached figure is suspect.
                if (!first) versions.ChangedEverywhere();
                first = false;
                Listening = true;
                while (true) await connection.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or IOException or TimeoutException or InvalidOperationException)
            {
                logger.LogWarning("Caseload change notifications: listening failed ({Message}); trying again in 2 s", ex.Message);
            }
            finally
            {
                Listening = false;
            }
            if (!await PauseAsync(stoppingToken)) return;
        }
    }

    private void Heard(string payload)
    {
        var separator = payload.IndexOf(':', StringComparison.Ordinal);
        if (separator < 0 || payload[..separator] == _me) return;
        if (Guid.TryParse(payload.AsSpan(separator + 1), out var clinic)) versions.Changed(clinic);
        else versions.ChangedEverywhere();
    }

    /// <summary>Sends what <see cref="ClinicDataChanges"/> handed over, in batches, on a pooled connection.</summary>
    private async Task SendLoopAsync(CancellationToken stoppingToken)
    {
        while (true)
        {
            try
            {
                if (!await _outbox.Reader.WaitToReadAsync(stoppingToken)) return;
                var payloads = new HashSet<string>();
                while (payloads.Count < 500 && _outbox.Reader.TryRead(out var payload)) payloads.Add(payload);
                if (payloads.Contains(Everywhere)) payloads = [Everywhere];
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(stoppingToken);
                await using var batch = new NpgsqlBatch(connection);
                foreach (var payload in payloads)
                {
                    var command = new NpgsqlBatchCommand("SELECT pg_notify(@channel, @payload)");
                    command.Parameters.AddWithValue("channel", Channel);
                    command.Parameters.AddWithValue("payload", $"{_me}:{payload}");
                    batch.BatchCommands.Add(command);
                }
                await batch.ExecuteNonQueryAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or IOException or TimeoutException or InvalidOperationException)
            {
                // The others miss these changes; their listeners reconnect when the database is back and drop everything.
                logger.LogWarning("Caseload change notifications: sending failed ({Message})", ex.Message);
                if (!await PauseAsync(stoppingToken)) return;
            }
        }
    }

    private static async Task<bool> PauseAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}

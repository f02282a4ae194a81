using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Npgsql;
using PhysioPortal.Tests.Infrastructure;
using PhysioPortal.Tests.Reminders;

namespace PhysioPortal.Tests.Operations;

/// <summary>/health/live and /health/ready through the real host, in each state an orchestrator must tell apart.</summary>
[Collection(PortalCollection.Name)]
public class HealthTests(PortalFactory factory)
{
    public sealed record Ready(HttpStatusCode Code, string Status, Dictionary<string, (string Status, string Description)> Checks);

    public static async Task<Ready> ReadyAsync(PortalClient client)
    {
        var response = await client.GetAsync("/health/ready");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var checks = json.RootElement.GetProperty("checks").EnumerateObject()
            .ToDictionary(c => c.Name, c => (c.Value.GetProperty("status").GetString()!, c.Value.GetProperty("description").GetString() ?? ""));
        return new Ready(response.StatusCode, json.RootElement.GetProperty("status").GetString()!, checks);
    }

    [Fact]
    public async Task Everything_up_is_healthy_and_live()
    {
        var client = factory.Client();
        var live = await client.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("Healthy", await live.Content.ReadAsStringAsync());

        var ready = await ReadyAsync(client);
        Assert.Equal((HttpStatusCode.OK, "Healthy"), (ready.Code, ready.Status));
        Assert.Equal("Healthy", ready.Checks["database"].Status);
        Assert.Equal("Healthy", ready.Checks["mail"].Status);
    }

    [Fact]
    public async Task Database_down_is_503_on_ready_at_once_while_live_stays_200_then_ready_heals()
    {
        var client = factory.Client();
        PortalCommand.DbOk(["stop"]);
        try
        {
            var started = DateTime.UtcNow;
            var ready = await ReadyAsync(client);
            Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10), "the probe must not wait for the database to come back");
            Assert.Equal((HttpStatusCode.ServiceUnavailable, "Unhealthy"), (ready.Code, ready.Status));
            Assert.Equal(("Unhealthy", "The database does not answer."), ready.Checks["database"]);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        }
        finally
        {
            PortalCommand.DbOk(["start"]);
            // Idle pooled connections died with the server: later tests should not meet them.
            NpgsqlConnection.ClearAllPools();
        }
        Assert.True(await ReminderTestData.EventuallyAsync(async () => (await ReadyAsync(client)).Code == HttpStatusCode.OK, TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task A_migration_not_applied_is_503_on_ready()
    {
        var client = factory.Client();
        await using var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(factory.ConnectionString) { Pooling = false }.ConnectionString);
        await conn.OpenAsync();
        string id, version;
        await using (var last = new NpgsqlCommand("""SELECT "MigrationId", "ProductVersion" FROM "__EFMigrationsHistory" ORDER BY "MigrationId" DESC LIMIT 1""", conn))
        await using (var reader = await last.ExecuteReaderAsync())
        {
            await reader.ReadAsync();
            (id, version) = (reader.GetString(0), reader.GetString(1));
        }
        await using (var forget = new NpgsqlCommand("""DELETE FROM "__EFMigrationsHistory" WHERE "MigrationId" = @id""", conn))
        {
            forget.Parameters.AddWithValue("id", id);
            await forget.ExecuteNonQueryAsync();
        }
        try
        {
            var ready = await ReadyAsync(client);
            Assert.Equal((HttpStatusCode.ServiceUnavailable, "Unhealthy"), (ready.Code, ready.Status));
            Assert.Contains($"1 migration(s) not applied yet, the first {id}", ready.Checks["database"].Description, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        }
        finally
        {
            await using var restore = new NpgsqlCommand("""INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion") VALUES (@id, @version)""", conn);
            restore.Parameters.AddWithValue("id", id);
            restore.Parameters.AddWithValue("version", version);
            await restore.ExecuteNonQueryAsync();
        }
        Assert.Equal(HttpStatusCode.OK, (await ReadyAsync(client)).Code);
    }
}

/// <summary>
/// A host of its own for the operator's view: its mail server is down, and its metrics answer only a network the
/// tests are not in.
/// </summary>
public sealed class OperatorViewPortalFactory : PortalFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Email:SmtpPort", ReminderTestData.ClosedPort().ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Metrics:AllowedNetworks", "10.99.0.0/16, 192.0.2.7");
    }
}

public class OperatorViewTests(OperatorViewPortalFactory factory) : IClassFixture<OperatorViewPortalFactory>
{
    [Fact]
    public async Task Mail_server_down_is_degraded_but_ready()
    {
        var ready = await HealthTests.ReadyAsync(factory.Client());
        Assert.Equal((HttpStatusCode.OK, "Degraded"), (ready.Code, ready.Status));
        Assert.Equal("Healthy", ready.Checks["database"].Status);
        Assert.Equal(("Degraded", "The mail server does not accept connections: emails wait and go out when it is back."), ready.Checks["mail"]);
    }

    [Fact]
    public async Task Metrics_are_refused_outside_the_operators_networks()
    {
        using var http = new HttpClient { BaseAddress = MetricsTests.Address(factory) };
        var response = await http.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain("portal_", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

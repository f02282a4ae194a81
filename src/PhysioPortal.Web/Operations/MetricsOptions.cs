using System.Net;

namespace PhysioPortal.Web.Operations;

/// <summary>
/// Where the Prometheus metrics are served, bound from the "Metrics" section: a listener of their own, never the
/// portal's public port (docs/decisions/0010-metrics-on-an-operator-port.md).
/// </summary>
public sealed class MetricsOptions
{
    public const string Section = "Metrics";

    /// <summary>The metrics listener's address, e.g. http://127.0.0.1:9464 or http://0.0.0.0:9464; empty turns it off.</summary>
    public string? Url { get; set; } = "http://127.0.0.1:9464";

    /// <summary>Comma-separated networks (CIDR) whose scrapers are answered; everyone else gets 403.</summary>
    public string AllowedNetworks { get; set; } = "127.0.0.0/8, ::1/128";

    /// <summary>The networks, or the reason the setting cannot be read (shown when the portal refuses to start).</summary>
    public (IReadOnlyList<IPNetwork> Networks, string? Problem) ParseNetworks()
    {
        var networks = new List<IPNetwork>();
        foreach (var part in AllowedNetworks.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var text = part.Contains('/', StringComparison.Ordinal) ? part
                : IPAddress.TryParse(part, out var single) ? $"{part}/{(single.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? 128 : 32)}"
                : part;
            if (!IPNetwork.TryParse(text, out var network))
            {
                return ([], $"Metrics:AllowedNetworks: \"{part}\" is not a network; write networks like 10.0.0.0/8, 192.168.1.20 or ::1/128, separated by commas.");
            }
            networks.Add(network);
        }
        return networks.Count == 0
            ? ([], "Metrics:AllowedNetworks is empty: nobody could read the metrics. Name the operator's networks, e.g. 127.0.0.0/8, or set Metrics:Url to \"\" to turn the listener off.")
            : (networks, null);
    }

    public static bool Allows(IReadOnlyList<IPNetwork> networks, IPAddress? address)
    {
        if (address is null) return false;
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        return networks.Any(n => n.Contains(address));
    }
}

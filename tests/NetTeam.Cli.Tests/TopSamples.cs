using System.Text.Json.Nodes;
using NetTeam.Cli.Top;
using NetTeam.Control.Client;

namespace NetTeam.Cli.Tests;

/// <summary>Samples as top takes them, from teamd's real state dumps (tests/fixtures/teamd) and counters the test chooses.</summary>
internal static class TopSamples
{
    public static readonly DateTimeOffset Noon = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);

    /// <summary>One port's counters in a Statistics reply: rx packets, rx bytes, rx dropped, tx packets, tx bytes, tx dropped.</summary>
    public static JsonObject Counters(long rxPackets, long rxBytes, long rxDropped, long txPackets, long txBytes, long txDropped) => new()
    {
        ["rx_packets"] = rxPackets,
        ["rx_bytes"] = rxBytes,
        ["rx_dropped"] = rxDropped,
        ["rx_multicast"] = 0,
        ["rx_errors"] = 0,
        ["tx_packets"] = txPackets,
        ["tx_bytes"] = txBytes,
        ["tx_dropped"] = txDropped,
    };

    /// <summary>A Statistics reply as netteamd sends it: the plane, the team's counters and each port's.</summary>
    public static JsonObject Statistics(string plane, JsonObject team, params (string Port, JsonObject Counters)[] ports)
    {
        JsonObject byPort = [];
        foreach ((string port, JsonObject counters) in ports)
        {
            byPort[port] = counters;
        }
        return new JsonObject { ["data_plane"] = plane, ["team"] = team, ["ports"] = byPort };
    }

    /// <summary>The state dump of a fixture run (activebackup, lacp, ...), parsed afresh.</summary>
    public static JsonObject State(string runner) => JsonNode.Parse(TeamdFixtures.Read(runner, "state_dump.json"))!.AsObject();

    /// <summary>Each port's <c>enabled</c> option, as OptionsGet lists it.</summary>
    public static IReadOnlyList<TeamOptionStatus> Enabled(params (string Port, bool Enabled)[] ports) =>
        [.. ports.Select(p => new TeamOptionStatus("enabled", "bool", p.Enabled ? "true" : "false", p.Port, null, false, false))];

    public static TopSample Sample(double seconds, JsonObject state, JsonObject statistics, IReadOnlyList<TeamOptionStatus> options) =>
        new(TimeSpan.FromSeconds(seconds), Noon.AddSeconds(seconds), state, statistics, options);

    /// <summary>
    /// The activebackup fixture (eth0 active, eth1 backup) at 10 s and 12 s: eth0 moved 2000 packets of 1000
    /// bytes in and 1000 of 500 bytes out, eth1 dropped 6 received frames.
    /// </summary>
    public static (TopSample Before, TopSample After) ActiveBackupPair()
    {
        IReadOnlyList<TeamOptionStatus> enabled = Enabled(("eth0", true), ("eth1", false));
        TopSample before = Sample(10, State("activebackup"), Statistics("userspace", Counters(100, 100_000, 0, 50, 25_000, 0),
            ("eth0", Counters(100, 100_000, 0, 50, 25_000, 0)), ("eth1", Counters(0, 0, 4, 0, 0, 0))), enabled);
        TopSample after = Sample(12, State("activebackup"), Statistics("userspace", Counters(2100, 2_100_000, 0, 1050, 525_000, 0),
            ("eth0", Counters(2100, 2_100_000, 0, 1050, 525_000, 0)), ("eth1", Counters(0, 0, 10, 0, 0, 0))), enabled);
        return (before, after);
    }

    /// <summary>A state dump whose active port is <paramref name="port"/>.</summary>
    public static JsonObject WithActivePort(JsonObject state, string port)
    {
        state["runner"]!["active_port"] = port;
        return state;
    }
}

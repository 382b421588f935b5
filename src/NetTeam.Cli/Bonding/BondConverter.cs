using System.Text.Json.Nodes;

namespace NetTeam.Cli.Bonding;

/// <summary>
/// Converts a bond (bonding.rst §2's options) to the teamd config netteamd loads (teamd.conf(5)): the device,
/// the runner for the mode, the link watchers for the monitor, peer notification, the ports; and a note for
/// every option that has no exact teamd equivalent, and why.
/// </summary>
internal static class BondConverter
{
    /// <summary>teamd's default device name (teamd-spec §2.2).</summary>
    public const string DefaultDevice = "team0";

    public static BondConversion Convert(BondInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        BondSettings s = BondSettings.From(input.Options);
        string device = input.Device ?? DefaultDevice;
        if (!BondValues.IsInterfaceName(device))
        {
            throw new BondException($"device: \"{device}\" is not valid (expected an interface name of 1 to 15 characters)");
        }
        foreach (string port in input.Ports)
        {
            if (!BondValues.IsInterfaceName(port) || port == device)
            {
                throw new BondException($"ports: \"{port}\" is not valid (expected interface names of 1 to 15 characters, other than the team's)");
            }
        }
        if (input.Hwaddr is string mac && !BondValues.IsMac(mac))
        {
            throw new BondException($"hwaddr: \"{mac}\" is not valid (expected a MAC address such as 02:00:00:00:00:01)");
        }
        List<string> notes = [.. input.Notes];
        if (s.Option("mode") is null)
        {
            notes.Add("mode not given: bonding's default is balance-rr (0), the roundrobin runner");
        }
        JsonObject root = new() { ["device"] = device };
        if (input.Hwaddr is not null)
        {
            root["hwaddr"] = input.Hwaddr;
        }
        root["runner"] = RunnerConversion.Runner(s, notes);
        LinkWatchConversion.Apply(s, root, notes);
        NotifyConversion.Apply(s, root);
        JsonObject ports = PortConversion.Ports(s, input.Ports, notes);
        if (ports.Count > 0)
        {
            root["ports"] = ports;
        }
        BondOptionScope.Note(s, notes);
        return new BondConversion(root, notes);
    }
}

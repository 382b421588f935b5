using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using NetTeam.Device.Frames;
using NetTeam.Interop;
using NetTeam.Runners.Host;
using NetTeam.Runners.State;

namespace NetTeam.Runners.LinkWatchers;

/// <summary>
/// arp_ping (libteam teamd/teamd_lw_arp_ping.c): ARP requests for <c>target_host</c> from <c>source_host</c>
/// (0.0.0.0 by default, an RFC 5227 probe) on the port, optionally tagged with <c>vlanid</c>. Any ARP request
/// or reply heard on the port counts as an answer unless validation is on for the port's role
/// (<c>validate_active</c> for an enabled port, <c>validate_inactive</c> for a disabled one); then only the
/// target's answer to us, or our own probe forwarded back to a backup port by the switch, counts.
/// </summary>
public sealed class ArpPingLinkWatch : ProbeLinkWatch
{
    public ArpPingLinkWatch(JsonObject config)
        : base(config)
    {
        SourceHost = Resolve(ConfigReader.String(config, "source_host"), AddressFamily.InterNetwork) ?? IPAddress.Any;
        TargetHost = Resolve(ConfigReader.String(config, "target_host"), AddressFamily.InterNetwork) ?? IPAddress.None;
        ValidateActive = ConfigReader.Bool(config, "validate_active", false);
        ValidateInactive = ConfigReader.Bool(config, "validate_inactive", false);
        SendsAlways = ConfigReader.Bool(config, "send_always", false);
        VlanId = config["vlanid"] is null ? null : (ushort)ConfigReader.Int(config, "vlanid", 0);
    }

    public override string Name => "arp_ping";

    public IPAddress SourceHost { get; }

    public IPAddress TargetHost { get; }

    public bool ValidateActive { get; }

    public bool ValidateInactive { get; }

    public bool SendsAlways { get; }

    public ushort? VlanId { get; }

    protected override bool SendAlways => SendsAlways;

    protected override FrameSelector Selector => FrameSelector.Arp(VlanId);

    internal static string? ValidateKeys(JsonObject config, string path)
    {
        if (ValidateTiming(config, path) is string timing)
        {
            return timing;
        }
        if (ConfigReader.CheckString(config, "target_host", path + ".target_host", required: true, "an IPv4 address") is string target)
        {
            return target;
        }
        if (Resolve(ConfigReader.String(config, "target_host"), AddressFamily.InterNetwork) is null)
        {
            return $"{path}.target_host: \"{ConfigReader.String(config, "target_host")}\" is not an IPv4 address or a host name that resolves to one";
        }
        if (ConfigReader.CheckString(config, "source_host", path + ".source_host", required: false, "an IPv4 address") is string source)
        {
            return source;
        }
        if (config["source_host"] is not null && Resolve(ConfigReader.String(config, "source_host"), AddressFamily.InterNetwork) is null)
        {
            return $"{path}.source_host: \"{ConfigReader.String(config, "source_host")}\" is not an IPv4 address or a host name that resolves to one";
        }
        return ConfigReader.CheckBool(config, "validate_active", path + ".validate_active")
            ?? ConfigReader.CheckBool(config, "validate_inactive", path + ".validate_inactive")
            ?? ConfigReader.CheckBool(config, "send_always", path + ".send_always")
            ?? ConfigReader.CheckInt(config, "vlanid", path + ".vlanid", 0, 4095);
    }

    protected override byte[] BuildProbe() =>
        new ArpPacket(ArpPacket.Request, PortAddress, SourceHost, default, TargetHost).ToFrame(EthernetHeader.Broadcast, VlanId);

    protected override bool IsAnswer(ReadOnlySpan<byte> frame, ushort? vlanId)
    {
        if (vlanId != VlanId || !ArpPacket.TryParse(frame, out ArpPacket arp))
        {
            return false;
        }
        if (!(PortEnabled ? ValidateActive : ValidateInactive))
        {
            return true;
        }
        // The target answering our probe, or our probe itself seen on another port of the same network.
        return (arp.TargetIp.Equals(SourceHost) && arp.SenderIp.Equals(TargetHost)) ||
               (arp.TargetIp.Equals(TargetHost) && arp.SenderIp.Equals(SourceHost));
    }

    protected override void AddState(StateScope state)
    {
        base.AddState(state);
        state.Add("send_always", StateValue.Bool(() => SendsAlways));
        state.Add("source_host", StateValue.String(() => SourceHost.ToString()));
        state.Add("target_host", StateValue.String(() => TargetHost.ToString()));
        state.Add("validate_active", StateValue.Bool(() => ValidateActive));
        state.Add("validate_inactive", StateValue.Bool(() => ValidateInactive));
    }
}

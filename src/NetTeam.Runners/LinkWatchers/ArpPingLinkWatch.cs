using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using NetTeam.Device.Frames;
using NetTeam.Interop;
using NetTeam.Runners.Config;
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

    /// <summary>The keys teamd_lw_arp_ping.c reads (teamd-spec §2.5), after the timing keys of teamd_lw_psr.c.</summary>
    internal static ConfigKeyTable Keys { get; } = new(
    [
        .. TimingKeys,
        HostKey("source_host", AddressFamily.InterNetwork, "an IPv4 address", required: false),
        HostKey("target_host", AddressFamily.InterNetwork, "an IPv4 address", required: true),
        ConfigKey.Bool("validate_active"),
        ConfigKey.Bool("validate_inactive"),
        ConfigKey.Int("vlanid", 0, 4095),
        ConfigKey.Bool("send_always"),
    ]);

    protected override byte[] BuildProbe() =>
        new ArpPacket(ArpPacket.Request, PortAddress, SourceHost, default, TargetHost).ToFrame(EthernetHeader.Broadcast, VlanId);

    protected override bool IsAnswer(ReadOnlySpan<byte> frame, ushort? vlanId)
    {
        // Allocation-free: every ARP frame on the port comes by here, a flood's too (issue 14).
        if (vlanId != VlanId || !ArpPacket.TryReadAddresses(frame, out uint sender, out uint target))
        {
            return false;
        }
        // Whether the port is enabled is asked only when the two validations differ.
        bool validate = ValidateActive == ValidateInactive ? ValidateActive : PortEnabled ? ValidateActive : ValidateInactive;
        if (!validate)
        {
            return true;
        }
        uint source = ArpPacket.AddressValue(SourceHost);
        uint targetHost = ArpPacket.AddressValue(TargetHost);
        // The target answering our probe, or our probe itself seen on another port of the same network.
        return (target == source && sender == targetHost) || (target == targetHost && sender == source);
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

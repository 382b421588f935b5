using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using NetTeam.Device.Frames;
using NetTeam.Runners.Config;
using NetTeam.Runners.Host;
using NetTeam.Runners.State;

namespace NetTeam.Runners.LinkWatchers;

/// <summary>
/// nsna_ping (libteam teamd/teamd_lw_nsna_ping.c): IPv6 neighbor solicitations for <c>target_host</c>; its
/// advertisement is the answer. Ports carry no IPv6 of their own in NetTeam (design.md), so the
/// solicitation is built here and sent on the port's control channel, from the team's link-local address,
/// or from :: (as duplicate address detection does, RFC 4862 §5.4.2) when the team has none.
/// <para>
/// Where NetTeam differs from teamd, on purpose: probes go out on enabled ports only (forced_send, as
/// arp_ping), because teamd's probes from every port make a switch learn the team's MAC on a backup port;
/// a backup port counts our own solicitation for the target, flooded back to it by the switch, as an
/// answer, as arp_ping does with its forwarded requests.
/// </para>
/// </summary>
public sealed class NsnaPingLinkWatch : ProbeLinkWatch
{
    public NsnaPingLinkWatch(JsonObject config)
        : base(config) =>
        TargetHost = Resolve(ConfigReader.String(config, "target_host"), AddressFamily.InterNetworkV6) ?? IPAddress.IPv6None;

    public override string Name => "nsna_ping";

    public IPAddress TargetHost { get; }

    protected override FrameSelector Selector => FrameSelector.NeighborDiscovery();

    /// <summary>The key teamd_lw_nsna_ping.c reads (teamd-spec §2.5), after the timing keys of teamd_lw_psr.c.</summary>
    internal static ConfigKeyTable Keys { get; } = new([.. TimingKeys, HostKey("target_host", AddressFamily.InterNetworkV6, "an IPv6 address", required: true)]);

    protected override byte[] BuildProbe()
    {
        IPAddress source = Host.Team.GetAddresses().FirstOrDefault(a => a.IsIPv6LinkLocal) ?? IPAddress.IPv6Any;
        return NeighborDiscovery.BuildSolicitation(PortAddress, source, WithoutScope(TargetHost));
    }

    protected override bool IsAnswer(ReadOnlySpan<byte> frame, ushort? vlanId)
    {
        if (vlanId is not null)
        {
            return false;
        }
        // Allocation-free, the port's state asked last: every NS and NA on the port comes by here, a flood's too (issue 14).
        Span<byte> target = stackalloc byte[16];
        TargetHost.TryWriteBytes(target, out _);
        if (NeighborDiscovery.TryReadAdvertisement(frame, out ReadOnlySpan<byte> source, out ReadOnlySpan<byte> advertised))
        {
            // teamd checks that the advertisement comes from the target itself.
            return source.SequenceEqual(target) && advertised.SequenceEqual(target);
        }
        return NeighborDiscovery.TryReadSolicitation(frame, out _, out ReadOnlySpan<byte> solicited) && solicited.SequenceEqual(target) && !PortEnabled;
    }

    private static IPAddress WithoutScope(IPAddress a) => new(a.GetAddressBytes());

    protected override void AddState(StateScope state)
    {
        base.AddState(state);
        state.Add("target_host", StateValue.String(() => WithoutScope(TargetHost).ToString()));
    }
}

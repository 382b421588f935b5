using System.Buffers.Binary;
using System.Net;
using NetTeam.Device.Frames;
using NetTeam.Runners;
using NetTeam.Runners.Tests;

namespace NetTeam.Fuzz.Targets;

/// <summary>
/// ARP and NS/NA replies as the arp_ping and nsna_ping link watchers parse them (src/NetTeam.Runners/
/// LinkWatchers, src/NetTeam.Device/Frames): the watcher of a port whose link is down gets one frame; only a
/// frame that parses as the answer the watcher's validation asks for may bring the link up, a parsed packet
/// round-trips through its writer, and nothing throws. The first octet sets the options: bit 0 validation,
/// bit 1 a VLAN on the watcher, bit 2 the frame's VLAN, bit 3 (nsna) a recomputed ICMPv6 checksum, so that
/// mutants reach the checks behind it.
/// </summary>
public sealed class ProbeReplyTarget : FuzzTarget
{
    private static readonly IPAddress s_source = IPAddress.Parse("192.0.2.2");
    private static readonly IPAddress s_target = IPAddress.Parse("192.0.2.1");
    private static readonly IPAddress s_target6 = IPAddress.Parse("fe80::1");

    private readonly bool _nsna;

    public ProbeReplyTarget(bool nsna) => _nsna = nsna;

    public override string Name => _nsna ? "nsna-reply" : "arp-reply";

    public override string Description => _nsna
        ? "a frame into nsna_ping's watcher: only a valid NA (or NS) from the target brings the link up"
        : "a frame into arp_ping's watcher (validation on/off, VLANs): only the expected ARP brings the link up";

    public override int MaxInput => 2048;

    public override IReadOnlyList<byte[]> Tokens { get; } =
    [
        [0x08, 0x06], [0x86, 0xdd], [0x00, 0x01, 0x08, 0x00, 0x06, 0x04], [0x00, 0x02], [192, 0, 2, 1], [192, 0, 2, 2],
        [0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1], [0x3a, 0xff], [136, 0], [135, 0], [0xff, 0xff],
    ];

    public override string Run(ReadOnlySpan<byte> input)
    {
        if (input.Length == 0)
        {
            return "empty";
        }
        byte options = input[0];
        byte[] frame = input[1..].ToArray();
        bool validate = (options & 1) != 0;
        ushort? watchVlan = (options & 2) != 0 ? (ushort)5 : null;
        ushort? frameVlan = (options & 4) != 0 ? (ushort)5 : null;
        if (_nsna && (options & 8) != 0)
        {
            FixChecksum(frame);
        }
        string watch = _nsna
            ? $$"""{"name": "nsna_ping", "interval": 100, "missed_max": 3, "target_host": "{{s_target6}}"}"""
            : $$"""{"name": "arp_ping", "interval": 100, "missed_max": 3, "source_host": "{{s_source}}", "target_host": "{{s_target}}", "validate_active": {{(validate ? "true" : "false")}}, "validate_inactive": {{(validate ? "true" : "false")}}{{(watchVlan is ushort v ? $", \"vlanid\": {v}" : string.Empty)}}}""";
        using RunnerHarness h = new("{\"name\": \"activebackup\"}", "eth0");
        RunnerPort eth0 = h.AddWatched("eth0", globalWatch: watch);
        h.Time.Advance(TimeSpan.Zero);
        ContractViolation.That(!eth0.LinkWatchUp, "the watcher's link is up before any answer");
        bool delivered = h.Channel(eth0).Deliver(frame, frameVlan);
        string verdict = _nsna ? CheckNsna(frame, frameVlan, eth0.LinkWatchUp) : CheckArp(frame, frameVlan, watchVlan, validate, eth0.LinkWatchUp);
        _ = h.State.Dump();
        h.Advance(TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(50));
        return (delivered ? "delivered:" : "filtered:") + verdict + ":" + eth0.LinkWatchUp;
    }

    private static string CheckArp(byte[] frame, ushort? frameVlan, ushort? watchVlan, bool validate, bool up)
    {
        bool parsed = ArpPacket.TryParse(frame, out ArpPacket arp);
        if (parsed)
        {
            byte[] again = arp.ToFrame(new Interop.MacAddress(frame.AsSpan(0, 6)));
            ContractViolation.That(ArpPacket.TryParse(again, out ArpPacket back) && back == arp, "parse(write(arp)) differs from the packet");
        }
        bool answer = parsed && frameVlan == watchVlan && (!validate ||
            (arp.TargetIp.Equals(s_source) && arp.SenderIp.Equals(s_target)) || (arp.TargetIp.Equals(s_target) && arp.SenderIp.Equals(s_source)));
        ContractViolation.That(!up || answer, "the link came up on a frame that is not the expected answer");
        return parsed ? "arp" : "other";
    }

    private static string CheckNsna(byte[] frame, ushort? frameVlan, bool up)
    {
        bool na = NeighborDiscovery.TryParseAdvertisement(frame, out IPAddress source, out IPAddress advertised);
        bool ns = NeighborDiscovery.TryParseSolicitation(frame, out _, out IPAddress solicited);
        ContractViolation.That(!(na && ns), "a frame that is both an NA and an NS");
        bool answer = frameVlan is null && ((na && source.Equals(s_target6) && advertised.Equals(s_target6)) || (ns && solicited.Equals(s_target6)));
        ContractViolation.That(!up || answer, "the link came up on a frame that is not the expected answer");
        return na ? "na" : ns ? "ns" : "other";
    }

    /// <summary>Rewrites the ICMPv6 checksum of an Ethernet/IPv6 frame whose payload length fits (RFC 4443 2.3).</summary>
    private static void FixChecksum(byte[] frame)
    {
        if (frame.Length < 14 + 40 + 4)
        {
            return;
        }
        Span<byte> ip = frame.AsSpan(14);
        int payload = BinaryPrimitives.ReadUInt16BigEndian(ip[4..]);
        if (payload < 4 || 40 + payload > ip.Length)
        {
            return;
        }
        Span<byte> icmp = ip.Slice(40, payload);
        icmp[2] = 0;
        icmp[3] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(icmp[2..], InternetChecksum.Ipv6(ip[8..24], ip[24..40], 58, icmp));
    }
}

using System.Buffers.Binary;
using NetTeam.Interop;

namespace NetTeam.Runners.Lacp;

/// <summary>
/// A LACPDU (IEEE 802.1AX-2014 6.4.2.3, figure 6-7; teamd-spec §4.1): Actor, Partner and Collector
/// Information TLVs and a Terminator, in a 124-octet frame to Slow_Protocols_Multicast.
/// </summary>
public readonly record struct Lacpdu(byte Version, LacpduInfo Actor, LacpduInfo Partner, ushort CollectorMaxDelay)
{
    /// <summary>What NetTeam sends: version 1, which every partner understands (teamd-spec §4.8 item 7).</summary>
    public const byte TransmitVersion = 1;

    /// <summary>Largest frame accepted for version 2 and later, whose extra TLVs may follow the Collector TLV.</summary>
    public const int MaxFrameLength = 1518;

    private const int ActorTlv = 16;
    private const int PartnerTlv = 36;
    private const int CollectorTlv = 56;
    private const int TerminatorTlv = 72;
    private const byte InfoLength = 0x14;
    private const byte CollectorLength = 0x10;

    /// <summary>Writes a whole version 1 LACPDU frame from <paramref name="source"/> (the port's own MAC, teamd-spec §4.1).</summary>
    public static void Write(Span<byte> frame, MacAddress source, in LacpduInfo actor, in LacpduInfo partner)
    {
        if (frame.Length < SlowProtocols.FrameLength)
        {
            throw new ArgumentException($"A LACPDU needs {SlowProtocols.FrameLength} bytes.", nameof(frame));
        }
        frame = frame[..SlowProtocols.FrameLength];
        frame.Clear();
        SlowProtocols.WriteHeader(frame, source, SlowProtocols.LacpSubtype, TransmitVersion);
        frame[ActorTlv] = 0x01;
        frame[ActorTlv + 1] = InfoLength;
        actor.Write(frame[(ActorTlv + 2)..]);
        frame[PartnerTlv] = 0x02;
        frame[PartnerTlv + 1] = InfoLength;
        partner.Write(frame[(PartnerTlv + 2)..]);
        frame[CollectorTlv] = 0x03;
        frame[CollectorTlv + 1] = CollectorLength;
        // CollectorMaxDelay 0, as teamd, Linux bonding and OVS send; Terminator and reserved octets stay zero.
    }

    /// <summary>
    /// Decodes a received frame. Lengths are checked strictly (the frame's and every TLV's, as teamd's
    /// lacpdu_check); TLV types and reserved octets are not, as 802.1AX-2014 6.4.2.3 asks receivers. Version 1
    /// must be exactly 124 octets; version 2 and later may carry further TLVs before the Terminator, which are
    /// skipped by their length (teamd-spec §4.8 item 7).
    /// </summary>
    public static SlowFrameError TryRead(ReadOnlySpan<byte> frame, out Lacpdu pdu)
    {
        pdu = default;
        if (frame.Length < SlowProtocols.FrameLength)
        {
            return frame.Length >= SlowProtocols.HeaderLength + 1 && !IsSlow(frame) ? SlowFrameError.NotSlowProtocols : SlowFrameError.Truncated;
        }
        if (!IsSlow(frame))
        {
            return SlowFrameError.NotSlowProtocols;
        }
        if (frame[14] != SlowProtocols.LacpSubtype)
        {
            return SlowFrameError.UnknownSubtype;
        }
        byte version = frame[15];
        if (frame.Length > (version <= 1 ? SlowProtocols.FrameLength : MaxFrameLength))
        {
            return SlowFrameError.Oversized;
        }
        if (version == 0 || frame[ActorTlv + 1] != InfoLength || frame[PartnerTlv + 1] != InfoLength || frame[CollectorTlv + 1] != CollectorLength)
        {
            return SlowFrameError.Malformed;
        }
        if (!TerminatorFound(frame, version))
        {
            return SlowFrameError.Malformed;
        }
        pdu = new Lacpdu(
            version,
            LacpduInfo.Read(frame[(ActorTlv + 2)..]),
            LacpduInfo.Read(frame[(PartnerTlv + 2)..]),
            BinaryPrimitives.ReadUInt16BigEndian(frame[(CollectorTlv + 2)..]));
        return SlowFrameError.None;
    }

    private static bool IsSlow(ReadOnlySpan<byte> frame) =>
        BinaryPrimitives.ReadUInt16BigEndian(frame[12..]) == SlowProtocols.EtherType && SlowProtocols.IsLacpDestination(frame);

    private static bool TerminatorFound(ReadOnlySpan<byte> frame, byte version)
    {
        if (version == 1)
        {
            return frame[TerminatorTlv + 1] == 0;
        }
        // LACPv2 (802.1AX-2014 6.4.2.4): TLVs of type, length (counting both octets) and value until a Terminator.
        int at = TerminatorTlv;
        while (at + 2 <= frame.Length)
        {
            byte type = frame[at];
            byte length = frame[at + 1];
            if (type == 0 && length == 0)
            {
                return true;
            }
            if (length < 2 || at + length > frame.Length)
            {
                return false;
            }
            at += length;
        }
        return false;
    }
}

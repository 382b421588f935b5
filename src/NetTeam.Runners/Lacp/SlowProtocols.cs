using NetTeam.Device.Frames;
using NetTeam.Interop;

namespace NetTeam.Runners.Lacp;

/// <summary>
/// Slow Protocols framing shared by LACP and the Marker protocol (IEEE 802.3 Annex 57A, 802.1AX-2014 6.2.11,
/// 6.4.2, 6.5.3): the group address, the EtherType and the subtype octet right after it.
/// </summary>
public static class SlowProtocols
{
    public const ushort EtherType = EthernetHeader.SlowProtocols;

    public const byte LacpSubtype = 0x01;

    public const byte MarkerSubtype = 0x02;

    /// <summary>Every LACPDU and Marker PDU is 124 octets without the FCS: 14 header octets and 110 of payload (teamd-spec §4.1).</summary>
    public const int FrameLength = 124;

    /// <summary>The Ethernet header: destination, source, EtherType.</summary>
    public const int HeaderLength = 14;

    /// <summary>Slow_Protocols_Multicast, 01-80-C2-00-00-02, where we send.</summary>
    public static MacAddress Address { get; } = new([0x01, 0x80, 0xC2, 0x00, 0x00, 0x02]);

    /// <summary>
    /// Whether a received frame's destination is one a LACPDU may use: Slow_Protocols_Multicast, or the
    /// nearest customer bridge (-00) and nearest non-TPMR bridge (-03) addresses that 802.1AX-2014 6.2.11.2 adds.
    /// </summary>
    public static bool IsLacpDestination(ReadOnlySpan<byte> frame) =>
        frame.Length >= 6 && frame[0] == 0x01 && frame[1] == 0x80 && frame[2] == 0xC2 && frame[3] == 0 && frame[4] == 0 && frame[5] is 0x00 or 0x02 or 0x03;

    /// <summary>Writes the Ethernet header and subtype/version octets of a Slow Protocols PDU.</summary>
    internal static void WriteHeader(Span<byte> frame, MacAddress source, byte subtype, byte version)
    {
        int at = EthernetHeader.Write(frame, Address, source, EtherType);
        frame[at] = subtype;
        frame[at + 1] = version;
    }
}

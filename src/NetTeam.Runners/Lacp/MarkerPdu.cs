using System.Buffers.Binary;
using NetTeam.Interop;

namespace NetTeam.Runners.Lacp;

/// <summary>
/// A Marker PDU (IEEE 802.1AX-2014 6.5.3.3, figure 6-21; teamd-spec §4.2): a Marker Information or Marker
/// Response TLV naming the requester's port, system and transaction, then a Terminator, in 124 octets.
/// </summary>
public readonly record struct MarkerPdu(byte Version, bool IsResponse, ushort RequesterPort, MacAddress RequesterSystem, uint TransactionId)
{
    public const byte InformationTlv = 0x01;

    public const byte ResponseTlv = 0x02;

    private const int Tlv = 16;
    private const byte InfoLength = 0x10;
    private const int TerminatorTlv = 32;

    /// <summary>Writes a whole Marker PDU frame (version 1) from <paramref name="source"/>.</summary>
    public static void Write(Span<byte> frame, MacAddress source, bool response, ushort requesterPort, MacAddress requesterSystem, uint transactionId)
    {
        if (frame.Length < SlowProtocols.FrameLength)
        {
            throw new ArgumentException($"A Marker PDU needs {SlowProtocols.FrameLength} bytes.", nameof(frame));
        }
        frame = frame[..SlowProtocols.FrameLength];
        frame.Clear();
        SlowProtocols.WriteHeader(frame, source, SlowProtocols.MarkerSubtype, 1);
        frame[Tlv] = response ? ResponseTlv : InformationTlv;
        frame[Tlv + 1] = InfoLength;
        BinaryPrimitives.WriteUInt16BigEndian(frame[(Tlv + 2)..], requesterPort);
        requesterSystem.CopyTo(frame[(Tlv + 4)..]);
        BinaryPrimitives.WriteUInt32BigEndian(frame[(Tlv + 10)..], transactionId);
        // Pad, Terminator and reserved octets stay zero (Wireshark's marker.wrong_pad_value checks the pad).
    }

    /// <summary>Decodes a received Marker PDU with the same strict length checks as <see cref="Lacpdu.TryRead"/>.</summary>
    public static SlowFrameError TryRead(ReadOnlySpan<byte> frame, out MarkerPdu pdu)
    {
        pdu = default;
        if (frame.Length < SlowProtocols.HeaderLength + 2 || BinaryPrimitives.ReadUInt16BigEndian(frame[12..]) != SlowProtocols.EtherType || !SlowProtocols.IsLacpDestination(frame))
        {
            return frame.Length < SlowProtocols.HeaderLength + 2 ? SlowFrameError.Truncated : SlowFrameError.NotSlowProtocols;
        }
        if (frame[14] != SlowProtocols.MarkerSubtype)
        {
            return SlowFrameError.UnknownSubtype;
        }
        if (frame.Length < SlowProtocols.FrameLength)
        {
            return SlowFrameError.Truncated;
        }
        if (frame.Length > SlowProtocols.FrameLength)
        {
            return SlowFrameError.Oversized;
        }
        byte type = frame[Tlv];
        if (frame[15] == 0 || type is not (InformationTlv or ResponseTlv) || frame[Tlv + 1] != InfoLength || frame[TerminatorTlv + 1] != 0)
        {
            return SlowFrameError.Malformed;
        }
        pdu = new MarkerPdu(
            frame[15],
            type == ResponseTlv,
            BinaryPrimitives.ReadUInt16BigEndian(frame[(Tlv + 2)..]),
            new MacAddress(frame.Slice(Tlv + 4, 6)),
            BinaryPrimitives.ReadUInt32BigEndian(frame[(Tlv + 10)..]));
        return SlowFrameError.None;
    }
}

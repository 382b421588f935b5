using NetTeam.Interop;
using NetTeam.Runners.Lacp;

namespace NetTeam.Fuzz.Targets;

/// <summary>
/// The LACPDU and Marker PDU codecs (src/NetTeam.Runners/Lacp) on a received frame: errors come back as a
/// SlowFrameError, never an exception, and a decoded PDU round-trips: the frame NetTeam would write for it
/// decodes to the same PDU (as version 1, no collector delay: what we send) and writes back to the same octets.
/// </summary>
public sealed class SlowFrameTarget : FuzzTarget
{
    private readonly bool _marker;

    public SlowFrameTarget(bool marker) => _marker = marker;

    public override string Name => _marker ? "marker" : "lacpdu";

    public override string Description => _marker
        ? "Marker PDU decode: SlowFrameError only, encode(decode(x)) == canonical x"
        : "LACPDU decode (v1 and v2 TLVs): SlowFrameError only, encode(decode(x)) == canonical x";

    public override int MaxInput => 2048;

    public override IReadOnlyList<byte[]> Tokens { get; } =
    [
        [0x01, 0x80, 0xc2, 0x00, 0x00, 0x02], [0x88, 0x09], [0x01, 0x01], [0x02, 0x01], [0x01, 0x14], [0x02, 0x14], [0x03, 0x10],
        [0x00, 0x00], [0x01, 0x10], [0x02, 0x10], [0x01, 0x02], [0xff, 0xff],
    ];

    public override string Run(ReadOnlySpan<byte> input)
    {
        // Both decoders see every frame: the port hands a frame to one of them by its subtype octet.
        SlowFrameError lacp = Lacpdu.TryRead(input, out Lacpdu pdu);
        SlowFrameError marker = MarkerPdu.TryRead(input, out MarkerPdu m);
        ContractViolation.That(Enum.IsDefined(lacp) && Enum.IsDefined(marker), "an undefined SlowFrameError");
        ContractViolation.That(lacp != SlowFrameError.None || marker != SlowFrameError.None || input.Length < 15, "a frame that is both a LACPDU and a Marker PDU");
        MacAddress source = input.Length >= 12 ? new MacAddress(input.Slice(6, 6)) : default;
        if (lacp == SlowFrameError.None)
        {
            RoundTripLacpdu(pdu, source);
        }
        if (marker == SlowFrameError.None)
        {
            RoundTripMarker(m, source);
        }
        return _marker ? $"{marker}:{(marker == SlowFrameError.None ? m.IsResponse : false)}" : $"{lacp}:{(lacp == SlowFrameError.None ? pdu.Version : 0)}";
    }

    private static void RoundTripLacpdu(in Lacpdu pdu, MacAddress source)
    {
        byte[] canonical = new byte[SlowProtocols.FrameLength];
        Lacpdu.Write(canonical, source, pdu.Actor, pdu.Partner);
        ContractViolation.Equal(SlowFrameError.None, Lacpdu.TryRead(canonical, out Lacpdu back), "decode(encode(pdu))");
        ContractViolation.Equal(pdu with { Version = Lacpdu.TransmitVersion, CollectorMaxDelay = 0 }, back, "decode(encode(pdu))");
        byte[] again = new byte[SlowProtocols.FrameLength];
        Lacpdu.Write(again, source, back.Actor, back.Partner);
        ContractViolation.That(again.AsSpan().SequenceEqual(canonical), "encode(decode(canonical)) differs from canonical");
    }

    private static void RoundTripMarker(in MarkerPdu pdu, MacAddress source)
    {
        byte[] canonical = new byte[SlowProtocols.FrameLength];
        MarkerPdu.Write(canonical, source, pdu.IsResponse, pdu.RequesterPort, pdu.RequesterSystem, pdu.TransactionId);
        ContractViolation.Equal(SlowFrameError.None, MarkerPdu.TryRead(canonical, out MarkerPdu back), "decode(encode(marker))");
        ContractViolation.Equal(pdu with { Version = 1 }, back, "decode(encode(marker))");
        byte[] again = new byte[SlowProtocols.FrameLength];
        MarkerPdu.Write(again, source, back.IsResponse, back.RequesterPort, back.RequesterSystem, back.TransactionId);
        ContractViolation.That(again.AsSpan().SequenceEqual(canonical), "encode(decode(canonical)) differs from canonical");
    }
}

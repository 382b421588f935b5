using NetTeam.Interop;
using NetTeam.Runners.Lacp;

namespace NetTeam.Runners.Tests.Lacp;

public class MarkerPduTests
{
    [Fact]
    public void RoundTripAndLayout()
    {
        byte[] frame = new byte[SlowProtocols.FrameLength];
        MarkerPdu.Write(frame, MacAddress.Parse("02:00:00:00:00:01"), response: false, 7, MacAddress.Parse("0a:1a:c0:00:00:01"), 0xdeadbeef);
        Assert.Equal(new byte[] { 0x01, 0x80, 0xc2, 0, 0, 2, 2, 0, 0, 0, 0, 1, 0x88, 0x09, 2, 1, 1, 0x10, 0, 7, 0x0a, 0x1a, 0xc0, 0, 0, 1, 0xde, 0xad, 0xbe, 0xef, 0, 0, 0, 0 }, frame[..34]);
        Assert.All(frame[34..], b => Assert.Equal(0, b));
        Assert.Equal(SlowFrameError.None, MarkerPdu.TryRead(frame, out MarkerPdu pdu));
        Assert.Equal(new MarkerPdu(1, false, 7, MacAddress.Parse("0a:1a:c0:00:00:01"), 0xdeadbeef), pdu);
        frame[16] = MarkerPdu.ResponseTlv;
        Assert.Equal(SlowFrameError.None, MarkerPdu.TryRead(frame, out pdu));
        Assert.True(pdu.IsResponse);
    }

    [Fact]
    public void BadMarkerFramesAreRefused()
    {
        byte[] frame = new byte[SlowProtocols.FrameLength];
        MarkerPdu.Write(frame, MacAddress.Parse("02:00:00:00:00:01"), response: false, 7, MacAddress.Parse("0a:1a:c0:00:00:01"), 1);
        Assert.Equal(SlowFrameError.Truncated, MarkerPdu.TryRead(frame.AsSpan(0, 100), out _));
        Assert.Equal(SlowFrameError.Oversized, MarkerPdu.TryRead([.. frame, 0], out _));
        Assert.Equal(SlowFrameError.Malformed, MarkerPdu.TryRead(LacpduCodecTests.With(frame, 17, 0x0f), out _));
        Assert.Equal(SlowFrameError.Malformed, MarkerPdu.TryRead(LacpduCodecTests.With(frame, 16, 3), out _));
        Assert.Equal(SlowFrameError.Malformed, MarkerPdu.TryRead(LacpduCodecTests.With(frame, 33, 1), out _));
        Assert.Equal(SlowFrameError.Malformed, MarkerPdu.TryRead(LacpduCodecTests.With(frame, 15, 0), out _));
        Assert.Equal(SlowFrameError.UnknownSubtype, MarkerPdu.TryRead(LacpduCodecTests.With(frame, 14, 1), out _));
    }
}

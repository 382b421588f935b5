using System.Globalization;
using System.Text.RegularExpressions;
using NetTeam.Interop;
using NetTeam.Runners.Lacp;

namespace NetTeam.Runners.Tests.Lacp;

public partial class LacpduCodecTests
{
    private static readonly MacAddress s_source = MacAddress.Parse("52:54:00:00:00:11");
    private static readonly LacpduInfo s_actor = new(65535, MacAddress.Parse("52:54:00:00:00:10"), 0, 255, 3, (LacpState)0x8f);
    private static readonly LacpduInfo s_partner = new(65535, MacAddress.Parse("0a:1a:c0:00:00:01"), 7, 255, 2, (LacpState)0x37);

    private static byte[] Frame(LacpduInfo actor, LacpduInfo partner)
    {
        byte[] frame = new byte[SlowProtocols.FrameLength];
        Lacpdu.Write(frame, s_source, actor, partner);
        return frame;
    }

    [Fact]
    public void WriteProducesTeamdsBytesExactly()
    {
        // The golden "partner expired" frame (teamd-spec §4.3): the same fields give the same 124 bytes.
        byte[] golden = Pcap.Read(TeamdFixtures.FullPath("pcap", "lacpdu_teamd_partner_expired.pcap")).Single();
        Assert.Equal(golden, Frame(s_actor, s_partner));
    }

    [Fact]
    public void RoundTripKeepsEveryField()
    {
        LacpduInfo actor = new(1, MacAddress.Parse("00:11:22:33:44:55"), 0xbeef, 0x8001, 0xfffe, (LacpState)0xff);
        LacpduInfo partner = new(0xffff, MacAddress.Parse("fe:dc:ba:98:76:54"), 1, 2, 3, LacpState.None);
        Assert.Equal(SlowFrameError.None, Lacpdu.TryRead(Frame(actor, partner), out Lacpdu pdu));
        Assert.Equal(new Lacpdu(1, actor, partner, 0), pdu);
    }

    public static TheoryData<string> Captures() => ["lacpdu_host_partner", "lacpdu_teamd_converged", "lacpdu_teamd_defaulted", "lacpdu_teamd_no_partner", "lacpdu_teamd_partner_expired"];

    [Theory]
    [MemberData(nameof(Captures))]
    public void RealCapturesDecodeToWhatTsharkShows(string name)
    {
        byte[] frame = Pcap.Read(TeamdFixtures.FullPath("pcap", name + ".pcap")).Single();
        string text = File.ReadAllText(TeamdFixtures.FullPath("pcap", name + ".tshark-V.txt"));
        Assert.Equal(SlowFrameError.None, Lacpdu.TryRead(frame, out Lacpdu pdu));
        Assert.Equal(Field(text, "LACP Version"), $"0x{pdu.Version:x2}");
        AssertInfo(text, "Actor", "Actor System ID", pdu.Actor);
        AssertInfo(text, "Partner", "Partner System", pdu.Partner);
        Assert.Equal(Field(text, "Collector Max Delay"), pdu.CollectorMaxDelay.ToString(CultureInfo.InvariantCulture));
        // The frame was sent from the port's own MAC, which tshark shows as the source.
        Assert.Contains($"Src: {Field(text, "Source")}", text);
    }

    private static void AssertInfo(string text, string who, string systemLabel, LacpduInfo info)
    {
        Assert.Equal(Field(text, $"{who} System Priority"), info.SystemPriority.ToString(CultureInfo.InvariantCulture));
        Assert.Contains($"({info.System})", Field(text, systemLabel));
        Assert.Equal(Field(text, $"{who} Key"), info.Key.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(Field(text, $"{who} Port Priority"), info.PortPriority.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(Field(text, $"{who} Port"), info.Port.ToString(CultureInfo.InvariantCulture));
        Assert.StartsWith($"0x{(byte)info.State:x2},", Field(text, $"{who} State"), StringComparison.Ordinal);
        Assert.Equal(Field(text, $"\\[{who} State Flags"), StateFlags(info.State) + "]");
    }

    /// <summary>Wireshark's flag string: EFDCSGSA from bit 7 to bit 0, '*' for a clear bit.</summary>
    private static string StateFlags(LacpState s)
    {
        const string letters = "EFDCSGSA";
        char[] c = new char[8];
        for (int i = 0; i < 8; i++)
        {
            c[i] = ((byte)s & (0x80 >> i)) != 0 ? letters[i] : '*';
        }
        return new string(c);
    }

    private static string Field(string text, string label)
    {
        Match m = Regex.Match(text, $@"^\s*{label}: (.*)$", RegexOptions.Multiline);
        Assert.True(m.Success, $"no \"{label}\" in the tshark text");
        return m.Groups[1].Value.Trim();
    }

    [Theory]
    [InlineData("golden_run_tlab0")]
    [InlineData("lacp_partner_tlab0")]
    [InlineData("lacp_partner_tlab1")]
    public void WholeCapturesDecodeFrameByFrameToTsharksSummaries(string name)
    {
        List<byte[]> frames = Pcap.Read(TeamdFixtures.FullPath("pcap", name + ".pcap"));
        string[] lines = File.ReadAllLines(TeamdFixtures.FullPath("pcap", name + ".tshark.txt"));
        Assert.Equal(lines.Length, frames.Count);
        for (int i = 0; i < frames.Count; i++)
        {
            Assert.Equal(SlowFrameError.None, Lacpdu.TryRead(frames[i], out Lacpdu pdu));
            // e.g. "LACP 124 v1 ACTOR 52:54:00:00:00:10 P: 2 K: 0 E****GSA PARTNER 00:00:00:00:00:00 P: 0 K: 0 ******S*"
            string ours = $"LACP 124 v{pdu.Version} ACTOR {pdu.Actor.System} P: {pdu.Actor.Port} K: {pdu.Actor.Key} {StateFlags(pdu.Actor.State)} " +
                $"PARTNER {pdu.Partner.System} P: {pdu.Partner.Port} K: {pdu.Partner.Key} {StateFlags(pdu.Partner.State)}";
            Assert.EndsWith(ours, lines[i], StringComparison.Ordinal);
        }
    }

    [Fact]
    public void TruncatedOversizedAndMalformedFramesAreRefused()
    {
        byte[] good = Frame(s_actor, s_partner);
        Assert.Equal(SlowFrameError.Truncated, Lacpdu.TryRead(good.AsSpan(0, 123), out _));
        Assert.Equal(SlowFrameError.Truncated, Lacpdu.TryRead(good.AsSpan(0, 16), out _));
        Assert.Equal(SlowFrameError.Truncated, Lacpdu.TryRead([], out _));
        Assert.Equal(SlowFrameError.Oversized, Lacpdu.TryRead([.. good, 0], out _));
        Assert.Equal(SlowFrameError.Malformed, Lacpdu.TryRead(With(good, 17, 0x13), out _));
        Assert.Equal(SlowFrameError.Malformed, Lacpdu.TryRead(With(good, 37, 0x15), out _));
        Assert.Equal(SlowFrameError.Malformed, Lacpdu.TryRead(With(good, 57, 0), out _));
        Assert.Equal(SlowFrameError.Malformed, Lacpdu.TryRead(With(good, 73, 2), out _));
        Assert.Equal(SlowFrameError.Malformed, Lacpdu.TryRead(With(good, 15, 0), out _));
        Assert.Equal(SlowFrameError.UnknownSubtype, Lacpdu.TryRead(With(good, 14, 3), out _));
        Assert.Equal(SlowFrameError.NotSlowProtocols, Lacpdu.TryRead(With(good, 13, 0x06), out _));
        Assert.Equal(SlowFrameError.NotSlowProtocols, Lacpdu.TryRead(With(good, 5, 0x0e), out _));
        // TLV types and reserved octets are not checked (802.1AX-2014 6.4.2.3), as teamd's lacpdu_check.
        Assert.Equal(SlowFrameError.None, Lacpdu.TryRead(With(With(good, 16, 9), 33, 0xaa), out _));
        // The other group addresses 802.1AX-2014 6.2.11.2 allows.
        Assert.Equal(SlowFrameError.None, Lacpdu.TryRead(With(good, 5, 0x03), out _));
    }

    [Fact]
    public void VersionTwoWithExtraTlvsIsAcceptedAndItsTlvsAreSkipped()
    {
        byte[] good = Frame(s_actor, s_partner);
        // Version 2, one 6-octet TLV at the Terminator's place, then the Terminator, padded to 140 octets.
        byte[] v2 = new byte[140];
        good.CopyTo(v2, 0);
        v2[15] = 2;
        v2[72] = 0x04;
        v2[73] = 6;
        v2[78] = 0;
        v2[79] = 0;
        Assert.Equal(SlowFrameError.None, Lacpdu.TryRead(v2, out Lacpdu pdu));
        Assert.Equal(2, pdu.Version);
        Assert.Equal(s_actor, pdu.Actor);
        // A TLV running past the end, or a zero length, is malformed; so is a version 2 frame without a Terminator.
        Assert.Equal(SlowFrameError.Malformed, Lacpdu.TryRead(With(v2, 73, 200), out _));
        Assert.Equal(SlowFrameError.Malformed, Lacpdu.TryRead(With(v2, 73, 1), out _));
        byte[] noEnd = new byte[130];
        good.CopyTo(noEnd, 0);
        noEnd[15] = 2;
        noEnd.AsSpan(72).Fill(0x05);
        Assert.Equal(SlowFrameError.Malformed, Lacpdu.TryRead(noEnd, out _));
        Assert.Equal(SlowFrameError.Oversized, Lacpdu.TryRead(new byte[Lacpdu.MaxFrameLength + 1].AsSpan().Also(good), out _));
    }

    [Fact]
    public void RandomGarbageNeverThrows()
    {
        Random random = new(1234);
        byte[] good = Frame(s_actor, s_partner);
        for (int i = 0; i < 20000; i++)
        {
            byte[] frame = random.Next(3) == 0 ? new byte[random.Next(0, 200)] : (byte[])good.Clone();
            if (frame.Length > 0)
            {
                for (int j = random.Next(1, 6); j > 0; j--)
                {
                    frame[random.Next(frame.Length)] = (byte)random.Next(256);
                }
            }
            Lacpdu.TryRead(frame, out _);
            MarkerPdu.TryRead(frame, out _);
        }
    }

    internal static byte[] With(byte[] frame, int offset, byte value)
    {
        byte[] copy = (byte[])frame.Clone();
        copy[offset] = value;
        return copy;
    }
}

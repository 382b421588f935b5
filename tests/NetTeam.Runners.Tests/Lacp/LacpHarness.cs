using NetTeam.Interop;
using NetTeam.Runners.Lacp;

namespace NetTeam.Runners.Tests.Lacp;

/// <summary>The lacp runner on the runner harness, with a scripted partner that speaks LACPDUs to each port.</summary>
internal sealed class LacpHarness : IDisposable
{
    public static readonly MacAddress PartnerSystem = MacAddress.Parse("0a:1a:c0:00:00:01");

    public LacpHarness(string runnerKeys = "\"fast_rate\": true", params string[] ports)
    {
        H = new RunnerHarness("{\"name\": \"lacp\"" + (runnerKeys.Length > 0 ? ", " + runnerKeys : string.Empty) + "}", ports.Length > 0 ? ports : ["eth0", "eth1"]);
    }

    public RunnerHarness H { get; }

    public LacpRunner Runner => (LacpRunner)H.Runner;

    public RunnerPort Add(string name, string config = "{}", int speed = 10000) => H.Add(name, config, speed);

    public LacpPort Port(RunnerPort port) => Runner[port]!;

    public FakeFrameChannel Channel(RunnerPort port) => H.Channels.Last(c => c.Port == port);

    public List<Lacpdu> SentPdus(RunnerPort port) => [.. Channel(port).Sent.Where(f => f[14] == 1).Select(Decode)];

    public Lacpdu LastSent(RunnerPort port) => SentPdus(port)[^1];

    public static Lacpdu Decode(byte[] frame)
    {
        Assert.Equal(SlowFrameError.None, Lacpdu.TryRead(frame, out Lacpdu pdu));
        return pdu;
    }

    public void Advance(double seconds) => H.Time.Advance(TimeSpan.FromSeconds(seconds));

    /// <summary>The partner's actor info for a port: its own system, key 7, port number <paramref name="partnerPort"/>.</summary>
    public static LacpduInfo PartnerInfo(ushort partnerPort, LacpState state, ushort key = 7, MacAddress? system = null, ushort systemPriority = 65535, ushort portPriority = 255) =>
        new(systemPriority, system ?? PartnerSystem, key, portPriority, partnerPort, state);

    /// <summary>Delivers a LACPDU from the partner; its view of us is what we last sent unless <paramref name="view"/> says otherwise.</summary>
    public void Speak(RunnerPort port, LacpduInfo partnerActor, LacpduInfo? view = null)
    {
        LacpduInfo ours = view ?? (SentPdus(port) is { Count: > 0 } sent ? sent[^1].Actor : default);
        byte[] frame = new byte[SlowProtocols.FrameLength];
        Lacpdu.Write(frame, MacAddress.Parse("0a:1a:c0:00:01:02"), partnerActor, ours);
        Assert.True(Channel(port).Deliver(frame));
    }

    /// <summary>Brings a port to converged: the partner first out of sync, then in sync with our view.</summary>
    public void Converge(RunnerPort port, ushort partnerPort, ushort key = 7, MacAddress? system = null)
    {
        Speak(port, PartnerInfo(partnerPort, LacpState.Activity | LacpState.Timeout | LacpState.Aggregation, key, system));
        Speak(port, PartnerInfo(partnerPort, Converged, key, system));
    }

    public const LacpState Converged = (LacpState)0x3f;

    /// <summary>Carrier back with a full-duplex 10G link, as the device reports a veth.</summary>
    public void LinkUp(RunnerPort port, int speed = 10000)
    {
        port.LinkWatchUp = true;
        port.Link = new Device.Ports.PortLink(true, speed, Interop.Duplex.Full);
        H.Runner.PortChanged(H, port);
    }

    public bool Enabled(RunnerPort port) => H.Enabled(port.Name);

    public void Dispose() => H.Dispose();
}

using NetTeam.DataPlane.Conformance;
using NetTeam.Device.DataPlane;
using NetTeam.Device.Ebpf.Tests;

namespace NetTeam.Fuzz.Targets;

/// <summary>
/// Both data planes' frame paths on arbitrary frames, each against the conformance table's model
/// (tests/NetTeam.DataPlane.Conformance/ExpectedDecisions): the userspace plane's FramePath and TxHash
/// (src/NetTeam.Device/DataPlane), and the generated eBPF tx and rx programs run with BPF_PROG_TEST_RUN in a
/// namespace of veth pairs (tests/NetTeam.Device.Ebpf.Tests' runner), whose hash must be TxHash's bucket.
/// Input: octet 0 picks the team, octet 1 the roundrobin counter or the receiving slot, the rest is the frame.
/// </summary>
public sealed class FramePathTarget : FuzzTarget
{
    private readonly bool _ebpf;
    private readonly bool _rx;
    private SlotDevices? _devices;
    private EbpfConformanceRunner? _runner;

    public FramePathTarget(bool ebpf, bool rx)
    {
        _ebpf = ebpf;
        _rx = rx;
    }

    public override string Name => (_rx ? "rx-" : "tx-") + (_ebpf ? "ebpf" : "userspace");

    public override string Description => (_rx, _ebpf) switch
    {
        (false, false) => "userspace tx: TxHash over every fragment set never throws, FramePath.SelectTx decides as the model",
        (true, false) => "userspace rx: FramePath.AcceptRx decides as the model",
        (false, true) => "eBPF tx program via BPF_PROG_TEST_RUN: verdict, slot, counters and hash bucket as the model",
        _ => "eBPF rx program via BPF_PROG_TEST_RUN: verdict and counters as the model",
    };

    public override int MaxInput => 1600;

    public override IReadOnlyList<byte[]> Tokens { get; } =
    [
        [0x08, 0x00], [0x86, 0xdd], [0x81, 0x00], [0x88, 0xa8], [0x88, 0x09], [0x08, 0x06], [0x45], [0x60], [0x06], [0x11], [0x84],
        [0x01, 0x80, 0xc2, 0x00, 0x00, 0x02], [0xff, 0xff, 0xff, 0xff, 0xff, 0xff], [0x2c], [0x00, 0x00],
    ];

    public override string Run(ReadOnlySpan<byte> input)
    {
        if (input.Length < 2)
        {
            return "short";
        }
        byte[] frame = input[2..].ToArray();
        return _rx ? Rx(input[0], input[1], frame) : Tx(input[0], input[1], frame);
    }

    private string Tx(byte team, byte counter, byte[] frame)
    {
        TeamSnapshotData s = FrameSnapshots.Tx[team % FrameSnapshots.Tx.Count];
        ulong sent = counter < 250 ? counter : ulong.MaxValue - (ulong)(255 - counter);
        foreach (HashFragments fragments in ConformanceTable.FragmentSets)
        {
            _ = TxHash.Compute(frame, fragments);
        }
        _ = TxHash.Compute(frame, (HashFragments)(-1));
        TxExpectation expected = ExpectedDecisions.Tx(s, frame, sent);
        if (_ebpf)
        {
            EbpfConformanceRunner runner = Runner();
            string? wrong = _devices!.Namespace.Run(() => runner.RunTx(new TxCase("fuzz", s, frame, sent, expected)));
            ContractViolation.That(wrong is null, $"the tx program on a {frame.Length}-byte frame ({s.ModeKind}, {s.HashFragments}, {s.LbTxMethod}): expected {expected}, got {wrong}");
            return $"ebpf:{s.ModeKind}:{expected.Kind}";
        }
        TxState state = new(1) { SentPackets = sent };
        TxDecision d = FramePath.SelectTx(s, frame, ref state);
        bool decision = expected.Kind switch
        {
            TxDecisionKind.Drop => d.Action == TxAction.Drop,
            TxDecisionKind.Slot => d.Action == TxAction.Port && d.Slot == expected.Slots[0],
            TxDecisionKind.OneOf => d.Action == TxAction.Port && expected.Slots.Contains(d.Slot),
            _ => d.Action == TxAction.AllTxable,
        };
        bool bucket = expected.Bucket is not byte b || d.Bucket == b;
        bool counted = expected.RoundRobinSentAfter is not ulong r || state.SentPackets == r;
        ContractViolation.That(decision && bucket && counted, $"FramePath.SelectTx ({s.ModeKind}, {s.HashFragments}): expected {expected}, got {d} (sent {state.SentPackets})");
        return $"userspace:{s.ModeKind}:{d.Action}";
    }

    private string Rx(byte team, byte which, byte[] frame)
    {
        TeamSnapshotData s = FrameSnapshots.Rx[team % FrameSnapshots.Rx.Count];
        int slot = FrameSnapshots.RxSlots[which % FrameSnapshots.RxSlots.Count];
        RxExpectation expected = ExpectedDecisions.Rx(s, slot, frame);
        if (_ebpf)
        {
            EbpfConformanceRunner runner = Runner();
            string? wrong = _devices!.Namespace.Run(() => runner.RunRx(new RxCase("fuzz", s, slot, frame, expected)));
            ContractViolation.That(wrong is null, $"the rx program on a {frame.Length}-byte frame ({s.ModeKind}, slot {slot}): expected {expected}, got {wrong}");
            return $"ebpf:{s.ModeKind}:{expected.Accept}";
        }
        bool accept = FramePath.AcceptRx(s, slot, frame);
        bool multicast = FramePath.IsMulticast(frame);
        ContractViolation.That(accept == expected.Accept && (!accept || multicast == expected.Multicast),
            $"FramePath.AcceptRx ({s.ModeKind}, slot {slot}): expected {expected}, got accept {accept}, multicast {multicast}");
        return $"userspace:{s.ModeKind}:{accept}";
    }

    public override void Prepare()
    {
        if (_ebpf)
        {
            Runner();
        }
    }

    /// <summary>The namespace, its veth pairs, the maps and the programs, made once.</summary>
    private EbpfConformanceRunner Runner()
    {
        if (_runner is null)
        {
            _devices = new SlotDevices();
            // Frames up to MaxInput octets: broadcast's bpf_clone_redirect hands each clone to the veth, which
            // drops one longer than its MTU (is_skb_forwardable) and so counts no tx. On a real team the stack
            // never gives the program a non-GSO frame over the team's MTU, which every port shares; here the
            // devices get room for every input instead.
            foreach (int slot in ConformanceTable.Slots)
            {
                _devices.Namespace.Ip("link", "set", $"s{slot}", "mtu", "9000");
                _devices.Namespace.Ip("link", "set", $"s{slot}p", "mtu", "9000");
            }
            _runner = new EbpfConformanceRunner(_devices);
        }
        return _runner;
    }

    protected override void Dispose(bool disposing)
    {
        _runner?.Dispose();
        _devices?.Dispose();
    }
}

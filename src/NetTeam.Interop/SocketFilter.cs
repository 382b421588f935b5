using NetTeam.Interop.Native;

namespace NetTeam.Interop;

/// <summary>
/// A classic BPF socket filter (SO_ATTACH_FILTER, Documentation/networking/filter.rst) that keeps only the
/// control frames a watcher or runner wants, so its packet socket does not copy the port's whole traffic.
/// On AF_PACKET the filter sees the frame after the kernel has taken the outer VLAN tag off
/// (skb_vlan_untag); the tag is read through the ancillary VLAN loads.
/// </summary>
public sealed class SocketFilter
{
    private const ushort LdAbsW = 0x20;  // BPF_LD | BPF_W | BPF_ABS
    private const ushort LdAbsH = 0x28;  // BPF_LD | BPF_H | BPF_ABS
    private const ushort LdAbsB = 0x30;  // BPF_LD | BPF_B | BPF_ABS
    private const ushort LdLen = 0x80;   // BPF_LD | BPF_W | BPF_LEN
    private const ushort AndK = 0x54;    // BPF_ALU | BPF_AND | BPF_K
    private const ushort JeqK = 0x15;    // BPF_JMP | BPF_JEQ | BPF_K
    private const ushort RetK = 0x06;    // BPF_RET | BPF_K
    private const int AncillaryOffset = -0x1000;                  // SKF_AD_OFF
    private const int AncillaryVlanTag = 44;                      // SKF_AD_VLAN_TAG
    private const int AncillaryVlanTagPresent = 48;               // SKF_AD_VLAN_TAG_PRESENT
    private const uint AcceptAll = 0x40000;

    private readonly SockFilter[] _program;

    private SocketFilter(SockFilter[] program) => _program = program;

    internal ReadOnlySpan<SockFilter> Program => _program;

    public int Length => _program.Length;

    /// <summary>Frames of one EtherType, untagged or (with <paramref name="vlanId"/>) tagged with that VLAN only.</summary>
    public static SocketFilter EtherType(ushort etherType, ushort? vlanId = null)
    {
        List<(ushort Code, uint K, bool Test)> checks = Vlan(vlanId);
        checks.Add((LdAbsH, 12, false));
        checks.Add((JeqK, etherType, true));
        return Build(checks);
    }

    /// <summary>ICMPv6 messages of the given types directly after the IPv6 header (no extension headers), optionally on a VLAN.</summary>
    public static SocketFilter Icmpv6(byte[] types, ushort? vlanId = null)
    {
        ArgumentNullException.ThrowIfNull(types);
        ArgumentOutOfRangeException.ThrowIfZero(types.Length);
        List<(ushort Code, uint K, bool Test)> checks = Vlan(vlanId);
        checks.Add((LdAbsH, 12, false));
        checks.Add((JeqK, 0x86dd, true));
        checks.Add((LdAbsB, 14 + 6, false));
        checks.Add((JeqK, 58, true));
        checks.Add((LdAbsB, 14 + 40, false));
        SocketFilter head = Build(checks);
        // Then "type == t1 || type == t2 ...": each match jumps to accept, the last miss falls to drop.
        List<SockFilter> program = [.. head._program[..^2]];
        for (int i = 0; i < types.Length; i++)
        {
            int remaining = types.Length - i - 1;
            program.Add(new SockFilter { Code = JeqK, K = types[i], JumpTrue = (byte)remaining, JumpFalse = (byte)(i == types.Length - 1 ? 1 : 0) });
        }
        program.Add(new SockFilter { Code = RetK, K = AcceptAll });
        program.Add(new SockFilter { Code = RetK, K = 0 });
        // Earlier tests jump to the final drop: recompute their offsets for the longer program.
        int drop = program.Count - 1;
        for (int i = 0; i < checks.Count; i++)
        {
            if (checks[i].Test)
            {
                SockFilter f = program[i];
                f.JumpFalse = (byte)(drop - i - 1);
                program[i] = f;
            }
        }
        return new SocketFilter([.. program]);
    }

    /// <summary>
    /// Untagged Slow Protocols frames split in two: with <paramref name="wellFormedLacpdus"/>, only those shaped as
    /// a version 1 LACPDU (124 octets to Slow_Protocols_Multicast, subtype 1, version 1, TLV lengths 20, 20, 16
    /// and a Terminator of length 0: 802.1AX-2014 6.4.2.3); without, every other one. Two sockets with these
    /// two filters keep a partner's LACPDUs in a queue of their own that a flood of anything else cannot fill.
    /// </summary>
    public static SocketFilter SlowProtocolsSplit(bool wellFormedLacpdus)
    {
        List<(ushort Code, uint K, bool Test)> prefix = Vlan(null);
        prefix.Add((LdAbsH, 12, false));
        prefix.Add((JeqK, 0x8809, true));
        (ushort Code, uint K, bool Test)[] shape =
        [
            (LdLen, 0, false), (JeqK, 124, true),
            (LdAbsW, 0, false), (JeqK, 0x0180c200, true),
            (LdAbsH, 4, false), (JeqK, 0x0002, true),
            (LdAbsH, 14, false), (JeqK, 0x0101, true),
            (LdAbsB, 17, false), (JeqK, 0x14, true),
            (LdAbsB, 37, false), (JeqK, 0x14, true),
            (LdAbsB, 57, false), (JeqK, 0x10, true),
            (LdAbsB, 73, false), (JeqK, 0, true),
        ];
        // Layout: prefix, shape, "shape held", "shape failed". A prefix miss drops; a shape miss goes to "failed".
        int count = prefix.Count + shape.Length + 2;
        int held = count - 2;
        int failed = count - 1;
        int drop = wellFormedLacpdus ? failed : held;
        SockFilter[] program = new SockFilter[count];
        for (int i = 0; i < prefix.Count; i++)
        {
            program[i] = new SockFilter { Code = prefix[i].Code, K = prefix[i].K, JumpFalse = prefix[i].Test ? (byte)(drop - i - 1) : (byte)0 };
        }
        for (int j = 0; j < shape.Length; j++)
        {
            int i = prefix.Count + j;
            program[i] = new SockFilter { Code = shape[j].Code, K = shape[j].K, JumpFalse = shape[j].Test ? (byte)(failed - i - 1) : (byte)0 };
        }
        program[held] = new SockFilter { Code = RetK, K = wellFormedLacpdus ? AcceptAll : 0 };
        program[failed] = new SockFilter { Code = RetK, K = wellFormedLacpdus ? 0 : AcceptAll };
        return new SocketFilter(program);
    }

    private static List<(ushort Code, uint K, bool Test)> Vlan(ushort? vlanId)
    {
        List<(ushort, uint, bool)> checks = [(LdAbsW, unchecked((uint)(AncillaryOffset + AncillaryVlanTagPresent)), false)];
        if (vlanId is ushort vid)
        {
            checks.Add((JeqK, 1, true));
            checks.Add((LdAbsW, unchecked((uint)(AncillaryOffset + AncillaryVlanTag)), false));
            // Only the VID bits: the priority and DEI bits say nothing about the VLAN (libteam 2024 fix).
            checks.Add((AndK, 0x0fff, false));
            checks.Add((JeqK, vid, true));
        }
        else
        {
            checks.Add((JeqK, 0, true));
        }
        return checks;
    }

    /// <summary>Straight-line program: every test jumps to the final "drop" on failure.</summary>
    private static SocketFilter Build(List<(ushort Code, uint K, bool Test)> checks)
    {
        int count = checks.Count + 2;
        SockFilter[] program = new SockFilter[count];
        int drop = count - 1;
        for (int i = 0; i < checks.Count; i++)
        {
            (ushort code, uint k, bool test) = checks[i];
            program[i] = new SockFilter { Code = code, K = k };
            if (test)
            {
                program[i].JumpFalse = (byte)(drop - i - 1);
            }
        }
        program[count - 2] = new SockFilter { Code = RetK, K = AcceptAll };
        program[count - 1] = new SockFilter { Code = RetK, K = 0 };
        return new SocketFilter(program);
    }
}

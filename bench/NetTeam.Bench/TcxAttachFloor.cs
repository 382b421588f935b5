using System.Diagnostics;
using NetTeam.Bpf;
using NetTeam.Bpf.Asm;
using NetTeam.Interop;
using NetTeam.Interop.Bpf;

namespace NetTeam.Bench;

/// <summary>
/// The kernel's share of an eBPF start, measured beside it: a fresh two-port team attaches three tcx
/// programs (the team's egress, each port's ingress), and every attach swaps the device's bpf_mprog entry
/// and waits for an RCU grace period under rtnl_lock (tcx_entry_sync in kernel/bpf/tcx.c). Here the same
/// three attaches of a program that only returns TC_ACT_OK, on veths of the bench's own in namespace A,
/// timed one after the other, as a start makes them. What a start costs above this is netteamd's.
/// </summary>
internal static class TcxAttachFloor
{
    private static readonly (string Device, TcxDirection Direction)[] Hooks =
        [("tfl0", TcxDirection.Egress), ("tfl1", TcxDirection.Ingress), ("tfl2", TcxDirection.Ingress)];

    /// <summary>The sorted times (ms) of <paramref name="samples"/> rounds of three attaches; empty when this kernel or process cannot attach.</summary>
    public static List<double> Measure(BenchTopology topo, int samples)
    {
        foreach ((string device, _) in Hooks)
        {
            BenchTopology.Run("ip", "-n", topo.A, "link", "add", device, "type", "veth", "peer", "name", device + "p");
        }
        Errno err = NetNamespace.Open(topo.A, out NetNamespace? opened);
        if (!err.IsSuccess || opened is null)
        {
            throw new InvalidOperationException($"cannot open namespace {topo.A}: {err.Message}");
        }
        using NetNamespace ns = opened;
        int[] ifIndexes = InNamespace(ns, () => Hooks.Select(h => Interfaces.NameToIndex(h.Device)).ToArray());
        Assembler a = new();
        a.Return(TcAction.Ok);
        if (!BpfProgram.Load(new ProgramSpec("nt_floor", BpfProgramType.SchedCls, a.Build()), out BpfProgram? program).IsSuccess || program is null)
        {
            return [];
        }
        using (program)
        {
            List<double> rounds = [];
            for (int i = 0; i < samples; i++)
            {
                double ms = InNamespace(ns, () => Round(ifIndexes, program));
                if (ms < 0)
                {
                    return [];
                }
                rounds.Add(ms);
            }
            rounds.Sort();
            return rounds;
        }
    }

    /// <summary>One round: the three attaches timed, then the links closed (their detaches, untimed); -1 when an attach fails.</summary>
    private static double Round(int[] ifIndexes, BpfProgram program)
    {
        List<TcxLink> links = [];
        try
        {
            Stopwatch sw = Stopwatch.StartNew();
            for (int i = 0; i < Hooks.Length; i++)
            {
                if (!TcxLink.Attach(program, ifIndexes[i], Hooks[i].Direction, out TcxLink? link).IsSuccess || link is null)
                {
                    return -1;
                }
                links.Add(link);
            }
            return sw.Elapsed.TotalMilliseconds;
        }
        finally
        {
            links.ForEach(l => l.Dispose());
        }
    }

    /// <summary>Runs <paramref name="action"/> on this thread inside <paramref name="ns"/> (ifindexes and tcx attaches are per namespace).</summary>
    private static T InNamespace<T>(NetNamespace ns, Func<T> action)
    {
        Errno err = ns.Enter(out NetNamespaceScope scope);
        if (!err.IsSuccess)
        {
            throw new InvalidOperationException($"cannot enter the bench's namespace: {err.Message}");
        }
        using (scope)
        {
            return action();
        }
    }
}

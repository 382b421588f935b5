using System.Buffers.Binary;
using NetTeam.Device.DataPlane;
using NetTeam.Device.Options;
using NetTeam.Device.Ports;
using NetTeam.Interop;

namespace NetTeam.Device.Modes;

/// <summary>
/// loadbalance: a hash picks the port (Linux team_mode_loadbalance.c), with the kernel's options
/// <c>lb_tx_method</c>, <c>lb_tx_hash_to_port_mapping</c>, <c>lb_hash_stats</c>, <c>lb_port_stats</c> and
/// <c>lb_stats_refresh_interval</c>. Where the kernel takes a classic BPF program (<c>bpf_hash_func</c>),
/// NetTeam takes the fragment list itself (<c>lb_tx_hash</c>, e.g. <c>eth,ipv4,ipv6</c>), which both the
/// userspace and the eBPF data plane can evaluate without a BPF interpreter.
/// </summary>
internal sealed class LoadBalanceMode : TeamMode
{
    private readonly short[] _hashToSlot = TeamSnapshot.CreateEmptyMapping();
    private readonly int[] _hashToIfIndex = new int[TeamSnapshot.HashBuckets];
    private readonly long[] _hashStats = new long[TeamSnapshot.HashBuckets];
    private readonly long[] _hashBytesAtRefresh = new long[TeamSnapshot.HashBuckets];
    private readonly Dictionary<int, (long Stats, long AtRefresh)> _portStats = [];
    private LbTxMethod _method = LbTxMethod.Hash;
    private HashFragments _fragments = HashFragments.Default;
    private uint _refreshInterval;
    private TimeSpan _lastRefresh;

    public override string Name => "loadbalance";

    public override ModeKind Kind => ModeKind.LoadBalance;

    public override LbTxMethod TxMethod => _method;

    public override HashFragments Fragments => _fragments;

    public override short[]? HashToSlot => (short[])_hashToSlot.Clone();

    public override IEnumerable<TeamOptionDefinition> CreateOptions(TeamDevice team)
    {
        yield return new TeamOptionDefinition(
            "lb_tx_hash",
            TeamOptionType.String,
            _ => OptionValue.FromString(HashFragmentNames.Format(_fragments)),
            (_, value) =>
            {
                if (!HashFragmentNames.TryParseList(value.AsString, out HashFragments fragments, out string? error))
                {
                    return TeamResult.Fail(Errno.EINVAL, $"lb_tx_hash: {error}");
                }
                _fragments = fragments;
                return TeamResult.Ok;
            });
        yield return new TeamOptionDefinition(
            "lb_tx_method",
            TeamOptionType.String,
            _ => OptionValue.FromString(_method == LbTxMethod.Hash ? "hash" : "hash_to_port_mapping"),
            (_, value) =>
            {
                switch (value.AsString)
                {
                    case "hash":
                        _method = LbTxMethod.Hash;
                        return TeamResult.Ok;
                    case "hash_to_port_mapping":
                        _method = LbTxMethod.HashToPortMapping;
                        return TeamResult.Ok;
                    default:
                        return TeamResult.Fail(Errno.EINVAL, $"lb_tx_method: \"{value.AsString}\" is not hash or hash_to_port_mapping");
                }
            });
        yield return new TeamOptionDefinition(
            "lb_tx_hash_to_port_mapping",
            TeamOptionType.U32,
            ctx => OptionValue.FromU32((uint)_hashToIfIndex[ctx.ArrayIndex]),
            (ctx, value) =>
            {
                // lb_tx_hash_to_port_mapping_set: only an enabled port, else -ENODEV.
                TeamPort? port = team.FindPort((int)value.AsU32);
                if (port is null || !port.Enabled)
                {
                    return TeamResult.Fail(Errno.ENODEV, $"lb_tx_hash_to_port_mapping: ifindex {value.AsU32} is not an enabled port of {team.Name}");
                }
                _hashToIfIndex[ctx.ArrayIndex] = port.IfIndex;
                _hashToSlot[ctx.ArrayIndex] = (short)port.Slot;
                return TeamResult.Ok;
            },
            arraySize: TeamSnapshot.HashBuckets);
        yield return new TeamOptionDefinition(
            "lb_hash_stats",
            TeamOptionType.Binary,
            ctx => StatsValue(_hashStats[ctx.ArrayIndex]),
            null,
            arraySize: TeamSnapshot.HashBuckets);
        yield return new TeamOptionDefinition(
            "lb_port_stats",
            TeamOptionType.Binary,
            ctx => StatsValue(ctx.Port is not null && _portStats.TryGetValue(ctx.Port.IfIndex, out var s) ? s.Stats : 0),
            null,
            perPort: true);
        yield return new TeamOptionDefinition(
            "lb_stats_refresh_interval",
            TeamOptionType.U32,
            _ => OptionValue.FromU32(_refreshInterval),
            (_, value) =>
            {
                _refreshInterval = value.AsU32;
                return TeamResult.Ok;
            });
    }

    public override void PortEnter(TeamDevice team, TeamPort port) => _portStats[port.IfIndex] = (0, port.Counters.TxBytes);

    public override void PortLeave(TeamDevice team, TeamPort port)
    {
        PortDisabled(team, port);
        _portStats.Remove(port.IfIndex);
    }

    public override void PortDisabled(TeamDevice team, TeamPort port)
    {
        // lb_port_disabled: mapping entries that point at the port are cleared.
        for (int i = 0; i < _hashToIfIndex.Length; i++)
        {
            if (_hashToIfIndex[i] == port.IfIndex)
            {
                _hashToIfIndex[i] = 0;
                _hashToSlot[i] = -1;
                team.MarkOptionChanged("lb_tx_hash_to_port_mapping", null, i);
            }
        }
    }

    /// <summary>lb_stats_refresh: bytes per hash and per port over the last period; changed ones raise events.</summary>
    public override void Tick(TeamDevice team, TimeSpan now)
    {
        if (_refreshInterval == 0 || now - _lastRefresh < TimeSpan.FromMilliseconds(_refreshInterval * 100.0))
        {
            return;
        }
        _lastRefresh = now;
        ReadOnlySpan<long> hashBytes = team.HashTxBytes;
        for (int i = 0; i < _hashStats.Length; i++)
        {
            long total = Volatile.Read(ref System.Runtime.InteropServices.MemoryMarshal.GetReference(hashBytes[i..]));
            long delta = total - _hashBytesAtRefresh[i];
            _hashBytesAtRefresh[i] = total;
            if (delta != _hashStats[i])
            {
                _hashStats[i] = delta;
                team.MarkOptionChanged("lb_hash_stats", null, i);
            }
        }
        foreach (TeamPort port in team.PortList)
        {
            (long stats, long atRefresh) = _portStats.TryGetValue(port.IfIndex, out var s) ? s : (0, 0);
            long total = port.Counters.TxBytes;
            long delta = total - atRefresh;
            _portStats[port.IfIndex] = (delta, total);
            if (delta != stats)
            {
                team.MarkOptionChanged("lb_port_stats", port, 0);
            }
        }
    }

    private static OptionValue StatsValue(long bytes)
    {
        // struct lb_stats { u64 tx_bytes; } in host (little-endian) order.
        Span<byte> buffer = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(buffer, bytes);
        return OptionValue.FromBinary(buffer);
    }
}

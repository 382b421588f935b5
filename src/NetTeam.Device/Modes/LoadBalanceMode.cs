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
    private readonly sbyte[] _hashToSlot = CreateEmptyMapping();
    private readonly int[] _hashToIfIndex = new int[TeamSnapshot.HashBuckets];
    private readonly long[] _hashStats = new long[TeamSnapshot.HashBuckets];
    private readonly long[] _hashBytesAtRefresh = new long[TeamSnapshot.HashBuckets];
    private readonly Dictionary<int, (long Stats, long AtRefresh)> _portStats = [];
    private LbTxMethod _method = LbTxMethod.Hash;
    private HashFragments _fragments = HashFragments.Default;
    private uint _refreshInterval;
    private TimeSpan _lastRefresh;

    public override string Name => TeamModeNames.LoadBalance;

    public override ModeKind Kind => ModeKind.LoadBalance;

    public override LbTxMethod TxMethod => _method;

    public override HashFragments Fragments => _fragments;

    public override void WriteHashToSlot(Span<sbyte> destination) => _hashToSlot.CopyTo(destination);

    public override IEnumerable<TeamOptionDefinition> CreateOptions(IModeContext team) =>
    [
        new(TeamOptionNames.LbTxHash, TeamOptionType.String, _ => OptionValue.FromString(HashFragmentNames.Format(_fragments)), (_, v) => SetTxHash(v.AsString)),
        new(TeamOptionNames.LbTxMethod, TeamOptionType.String, _ => OptionValue.FromString(_method == LbTxMethod.Hash ? "hash" : "hash_to_port_mapping"), (_, v) => SetTxMethod(v.AsString)),
        new(
            TeamOptionNames.LbTxHashToPortMapping,
            TeamOptionType.U32,
            ctx => OptionValue.FromU32((uint)_hashToIfIndex[ctx.ArrayIndex]),
            (ctx, v) => SetMapping(team, ctx.ArrayIndex, v.AsU32),
            arraySize: TeamSnapshot.HashBuckets),
        new(TeamOptionNames.LbHashStats, TeamOptionType.Binary, ctx => StatsValue(_hashStats[ctx.ArrayIndex]), null, arraySize: TeamSnapshot.HashBuckets),
        new(
            TeamOptionNames.LbPortStats,
            TeamOptionType.Binary,
            ctx => StatsValue(ctx.Port is not null && _portStats.TryGetValue(ctx.Port.IfIndex, out var s) ? s.Stats : 0),
            null,
            perPort: true),
        new(TeamOptionNames.LbStatsRefreshInterval, TeamOptionType.U32, _ => OptionValue.FromU32(_refreshInterval), (_, v) =>
        {
            _refreshInterval = v.AsU32;
            return TeamResult.Ok;
        }),
    ];

    private TeamResult SetTxHash(string text)
    {
        if (!HashFragmentNames.TryParseList(text, out HashFragments fragments, out string? error))
        {
            return TeamResult.Fail(Errno.EINVAL, $"lb_tx_hash: {error}");
        }
        _fragments = fragments;
        return TeamResult.Ok;
    }

    private TeamResult SetTxMethod(string text)
    {
        switch (text)
        {
            case "hash":
                _method = LbTxMethod.Hash;
                return TeamResult.Ok;
            case "hash_to_port_mapping":
                _method = LbTxMethod.HashToPortMapping;
                return TeamResult.Ok;
            default:
                return TeamResult.Fail(Errno.EINVAL, $"lb_tx_method: \"{text}\" is not hash or hash_to_port_mapping");
        }
    }

    private TeamResult SetMapping(IModeContext team, int bucket, uint ifIndex)
    {
        // lb_tx_hash_to_port_mapping_set: only an enabled port, else -ENODEV.
        TeamPort? port = team.FindPort((int)ifIndex);
        if (port is null || !port.Enabled)
        {
            return TeamResult.Fail(Errno.ENODEV, $"lb_tx_hash_to_port_mapping: ifindex {ifIndex} is not an enabled port of {team.Name}");
        }
        _hashToIfIndex[bucket] = port.IfIndex;
        _hashToSlot[bucket] = (sbyte)port.Slot;
        return TeamResult.Ok;
    }

    public override void PortEnter(IModeContext team, TeamPort port) => _portStats[port.IfIndex] = (0, team.PortTxBytes(port));

    public override void PortLeave(IModeContext team, TeamPort port)
    {
        PortDisabled(team, port);
        _portStats.Remove(port.IfIndex);
    }

    public override void PortDisabled(IModeContext team, TeamPort port)
    {
        // lb_port_disabled: mapping entries that point at the port are cleared.
        for (int i = 0; i < _hashToIfIndex.Length; i++)
        {
            if (_hashToIfIndex[i] == port.IfIndex)
            {
                _hashToIfIndex[i] = 0;
                _hashToSlot[i] = -1;
                team.MarkOptionChanged(TeamOptionNames.LbTxHashToPortMapping, null, i);
            }
        }
    }

    /// <summary>
    /// lb_stats_refresh_interval counts tenths of a second (team_mode_loadbalance.c); 0 (the default) is off,
    /// and then the team's tick needs no more than its once a second.
    /// </summary>
    public override TimeSpan TickInterval => _refreshInterval switch
    {
        0 => base.TickInterval,
        < 10 => TimeSpan.FromMilliseconds(_refreshInterval * 100.0),
        _ when _refreshInterval % 10 == 0 => TimeSpan.FromSeconds(1),
        _ => TimeSpan.FromMilliseconds(100),
    };

    /// <summary>lb_stats_refresh: bytes per hash and per port over the last period; changed ones raise events.</summary>
    public override void Tick(IModeContext team, TimeSpan now)
    {
        if (_refreshInterval == 0 || now - _lastRefresh < TimeSpan.FromMilliseconds(_refreshInterval * 100.0))
        {
            return;
        }
        _lastRefresh = now;
        Span<long> hashBytes = stackalloc long[TeamSnapshot.HashBuckets];
        team.CopyHashTxBytes(hashBytes);
        for (int i = 0; i < _hashStats.Length; i++)
        {
            long total = hashBytes[i];
            long delta = total - _hashBytesAtRefresh[i];
            _hashBytesAtRefresh[i] = total;
            if (delta != _hashStats[i])
            {
                _hashStats[i] = delta;
                team.MarkOptionChanged(TeamOptionNames.LbHashStats, null, i);
            }
        }
        foreach (TeamPort port in team.Ports)
        {
            (long stats, long atRefresh) = _portStats.TryGetValue(port.IfIndex, out var s) ? s : (0, 0);
            long total = team.PortTxBytes(port);
            long delta = total - atRefresh;
            _portStats[port.IfIndex] = (delta, total);
            if (delta != stats)
            {
                team.MarkOptionChanged(TeamOptionNames.LbPortStats, port, 0);
            }
        }
    }

    private static sbyte[] CreateEmptyMapping()
    {
        sbyte[] mapping = new sbyte[TeamSnapshot.HashBuckets];
        Array.Fill(mapping, (sbyte)-1);
        return mapping;
    }

    private static OptionValue StatsValue(long bytes)
    {
        // struct lb_stats { u64 tx_bytes; } in host (little-endian) order.
        Span<byte> buffer = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(buffer, bytes);
        return OptionValue.FromBinary(buffer);
    }
}

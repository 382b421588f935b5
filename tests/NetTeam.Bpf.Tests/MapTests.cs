using System.Runtime.InteropServices;
using NetTeam.Bpf.Asm;
using NetTeam.Interop;
using NetTeam.Interop.Bpf;
using static NetTeam.Bpf.Asm.Register;

namespace NetTeam.Bpf.Tests;

public class MapTests
{
    [Fact]
    public void ArrayElementsAlwaysExist()
    {
        using BpfMap map = Programs.CreateMap(MapSpec.Array<ulong>("t_array", 4));
        Assert.Equal(Errno.Success, map.Update(2u, 77UL));
        Assert.Equal(Errno.Success, map.Lookup(2u, out ulong value));
        Assert.Equal(77UL, value);
        Assert.Equal(Errno.Success, map.Lookup(3u, out value));
        Assert.Equal(0UL, value);
        Assert.Equal(Errno.ENOENT, map.Lookup(4u, out value));
        Assert.Equal(Errno.EINVAL, map.Delete(1u));
        Assert.Equal(Errno.EEXIST, map.Update(1u, 5UL, BpfMapUpdate.NoExist));
        List<uint> keys = [];
        Assert.Equal(Errno.Success, map.ReadKeys(keys));
        Assert.Equal([0u, 1u, 2u, 3u], keys);
    }

    [Fact]
    public void HashCreateReplaceDeleteIterate()
    {
        using BpfMap map = Programs.CreateMap(MapSpec.Hash<uint, uint>("t_hash", 8));
        Assert.Equal(Errno.ENOENT, map.Update(7u, 1u, BpfMapUpdate.Exist));
        Assert.Equal(Errno.Success, map.Update(7u, 1u, BpfMapUpdate.NoExist));
        Assert.Equal(Errno.EEXIST, map.Update(7u, 2u, BpfMapUpdate.NoExist));
        Assert.Equal(Errno.Success, map.Update(7u, 3u, BpfMapUpdate.Exist));
        Assert.Equal(Errno.Success, map.Update(9u, 4u));
        Assert.Equal(Errno.Success, map.Lookup(7u, out uint v));
        Assert.Equal(3u, v);
        List<uint> keys = [];
        Assert.Equal(Errno.Success, map.ReadKeys(keys));
        Assert.Equal([7u, 9u], keys.Order());
        Assert.Equal(Errno.Success, map.Delete(7u));
        Assert.Equal(Errno.ENOENT, map.Delete(7u));
        Assert.Equal(Errno.ENOENT, map.Lookup(7u, out v));
        for (uint k = 100; k < 107; k++)
        {
            Assert.Equal(Errno.Success, map.Update(k, k));
        }
        Assert.Equal(BpfErrno.E2BIG, map.Update(200u, 0u));
    }

    [Fact]
    public void InfoDescribesTheMap()
    {
        using BpfMap map = Programs.CreateMap(MapSpec.Hash<uint, ulong>("t_info", 3));
        Assert.Equal(Errno.Success, map.GetInfo(out BpfMapInfo info));
        Assert.Equal(new BpfMapInfo(BpfMapType.Hash, map.Id, 4, 8, 3, 0, "t_info"), info);
        Assert.NotEqual(0u, map.Id);
    }

    [Fact]
    public void BadSpecsAreRefusedBeforeTheKernel()
    {
        Assert.Equal(Errno.EINVAL, BpfMap.Create(MapSpec.Array<ulong>("a name with spaces", 1), out _).Errno);
        Assert.Equal(Errno.EINVAL, BpfMap.Create(new MapSpec("t_nokey", BpfMapType.Array, 8, 8, 1), out _).Errno);
        Assert.Equal(Errno.EINVAL, BpfMap.Create(new MapSpec("t_noinner", BpfMapType.ArrayOfMaps, 4, 4, 1), out _).Errno);
        using BpfMap map = Programs.CreateMap(MapSpec.Array<ulong>("t_sizes", 1));
        Assert.Throws<ArgumentException>(() => map.Lookup(0u, out uint _));
        Assert.Throws<ArgumentException>(() => map.Lookup(0UL, out ulong _));
    }

    [Fact]
    public void PerCpuValuesAreOnePerPossibleCpuAndSum()
    {
        int cpus = PossibleCpus.Count;
        using BpfMap map = Programs.CreateMap(MapSpec.PerCpuArray<Pair>("t_percpu", 2));
        Assert.Equal(cpus * 16, map.UserValueSize);
        Pair[] values = [.. Enumerable.Range(0, cpus).Select(c => new Pair((ulong)(c + 1), (ulong)(10 * (c + 1))))];
        Assert.Equal(Errno.Success, map.UpdatePerCpu(1u, values));
        Pair[] back = new Pair[cpus];
        Assert.Equal(Errno.Success, map.LookupPerCpu(1u, back.AsSpan()));
        Assert.Equal(values, back);
        Assert.Equal(Errno.Success, map.LookupSum(1u, out Pair sum));
        ulong n = (ulong)cpus;
        Assert.Equal(new Pair(n * (n + 1) / 2, 10 * n * (n + 1) / 2), sum);
        ulong[] sums = new ulong[2];
        Assert.Equal(Errno.Success, map.LookupSum(0u, sums));
        Assert.Equal([0UL, 0UL], sums);
        List<uint> keys = [];
        Assert.Equal(Errno.Success, map.ReadKeys(keys));
        Assert.Equal([0u, 1u], keys);
        Assert.Equal(Errno.EINVAL, map.Delete(1u));
    }

    [Fact]
    public void PerCpuHashCreateDeleteIterate()
    {
        using BpfMap map = Programs.CreateMap(new MapSpec("t_pcpuhash", BpfMapType.PerCpuHash, 4, 8, 4));
        ulong[] values = [.. Enumerable.Range(1, PossibleCpus.Count).Select(c => (ulong)c)];
        Assert.Equal(Errno.Success, map.UpdatePerCpu(9u, values));
        Assert.Equal(Errno.Success, map.UpdatePerCpu(3u, values));
        ulong[] sum = new ulong[1];
        Assert.Equal(Errno.Success, map.LookupSum(9u, sum));
        Assert.Equal(values.Aggregate(0UL, (a, b) => a + b), sum[0]);
        List<uint> keys = [];
        Assert.Equal(Errno.Success, map.ReadKeys(keys));
        Assert.Equal([3u, 9u], keys.Order());
        Assert.Equal(Errno.Success, map.Delete(9u));
        Assert.Equal(Errno.ENOENT, map.LookupSum(9u, sum));
    }

    [Fact]
    public void PerCpuU32ValuesArePaddedToEightBytes()
    {
        using BpfMap map = Programs.CreateMap(new MapSpec("t_percpu32", BpfMapType.PerCpuArray, 4, 4, 1));
        uint[] values = [.. Enumerable.Range(0, PossibleCpus.Count).Select(c => (uint)(0xa0 + c))];
        Assert.Equal(Errno.Success, map.UpdatePerCpu(0u, values));
        uint[] back = new uint[values.Length];
        Assert.Equal(Errno.Success, map.LookupPerCpu(0u, back.AsSpan()));
        Assert.Equal(values, back);
    }

    [Fact]
    public void CountersAddedByAProgramSumOverCpus()
    {
        using BpfMap map = Programs.CreateMap(MapSpec.PerCpuArray<ulong>("t_count", 1));
        using BpfProgram program = CountingProgram(map);
        for (int i = 0; i < 5; i++)
        {
            Programs.Run(program, Programs.Frame());
        }
        Assert.Equal(Errno.Success, program.TestRun(Programs.Frame(), default, 10, out _));
        ulong[] sum = new ulong[1];
        Assert.Equal(Errno.Success, map.LookupSum(0u, sum));
        Assert.Equal(15UL, sum[0]);
    }

    [Fact]
    public void ArrayOfMapsSwapsTheInnerMapAProgramSees()
    {
        MapSpec inner = MapSpec.Array<uint>("t_inner", 1);
        using BpfMap outer = Programs.CreateMap(MapSpec.ArrayOfMaps("t_outer", 1, inner));
        using BpfMap first = Programs.CreateMap(inner);
        using BpfMap second = Programs.CreateMap(inner);
        Assert.Equal(Errno.Success, first.Update(0u, 11u));
        Assert.Equal(Errno.Success, second.Update(0u, 22u));
        using BpfProgram program = ReadThroughOuter(outer);

        Assert.Equal(Errno.ENOENT, outer.LookupInnerMapId(0u, out _));
        Assert.Equal(0u, Programs.Run(program, Programs.Frame()));
        Assert.Equal(Errno.Success, outer.SetInnerMap(0u, first));
        Assert.Equal(11u, Programs.Run(program, Programs.Frame()));
        Assert.Equal(Errno.Success, outer.SetInnerMap(0u, second));
        Assert.Equal(22u, Programs.Run(program, Programs.Frame()));

        Assert.Equal(Errno.Success, outer.LookupInnerMapId(0u, out uint id));
        Assert.Equal(second.Id, id);
        Assert.True(BpfMap.OpenById(id, out BpfMap? reopened).IsSuccess);
        using (reopened)
        {
            Assert.Equal(Errno.Success, reopened!.Lookup(0u, out uint value));
            Assert.Equal(22u, value);
        }

        List<uint> keys = [];
        Assert.Equal(Errno.Success, outer.ReadKeys(keys));
        Assert.Equal([0u], keys);

        // An inner map that does not match the template is refused.
        using BpfMap wrong = Programs.CreateMap(MapSpec.Array<ulong>("t_wrong", 1));
        Assert.Equal(Errno.EINVAL, outer.SetInnerMap(0u, wrong));
    }

    [Fact]
    public void PinnedMapReopensAsTheSameMap()
    {
        using PinDirectory pins = new();
        using BpfMap map = Programs.CreateMap(MapSpec.Hash<uint, uint>("t_pinned", 4));
        Assert.Equal(Errno.Success, map.Update(1u, 5u));
        Assert.True(map.Pin(pins.File("m")).IsSuccess);
        Assert.Equal(Errno.EEXIST, map.Pin(pins.File("m")).Errno);
        BpfError err = BpfMap.OpenPinned(pins.File("m"), out BpfMap? again);
        Assert.True(err.IsSuccess, err.Message);
        using (again)
        {
            Assert.Equal((map.Id, map.Name, map.Type, map.KeySize, map.ValueSize, map.MaxEntries), (again!.Id, again.Name, again.Type, again.KeySize, again.ValueSize, again.MaxEntries));
            Assert.Equal(Errno.Success, again.Lookup(1u, out uint v));
            Assert.Equal(5u, v);
        }
        Assert.Equal(Errno.ENOENT, BpfMap.OpenPinned(pins.File("absent"), out _).Errno);
    }

    [Fact]
    public void PossibleCpuListsParse()
    {
        Assert.Equal(1, PossibleCpus.Parse("0\n"));
        Assert.Equal(2, PossibleCpus.Parse("0-1\n"));
        Assert.Equal(8, PossibleCpus.Parse("0-3,8-11"));
        Assert.Throws<FormatException>(() => PossibleCpus.Parse("3-1"));
        Assert.Throws<FormatException>(() => PossibleCpus.Parse(""));
        Assert.Equal(PossibleCpus.Parse(File.ReadAllText("/sys/devices/system/cpu/possible")), PossibleCpus.Count);
    }

    internal static BpfProgram CountingProgram(BpfMap counter) => Programs.Load("t_counting", a =>
    {
        a.StoreImm(Width.Word, R10, -4, 0);
        a.MapLookup(counter, -4);
        a.Jump(JumpOp.Eq, R0, 0, "out");
        a.Load(Width.DWord, R1, R0, 0);
        a.Alu64(AluOp.Add, R1, 1);
        a.Store(Width.DWord, R0, 0, R1);
        a.Label("out");
        a.Return(TcAction.Ok);
    });

    private static BpfProgram ReadThroughOuter(BpfMap outer) => Programs.Load("t_outer_read", a =>
    {
        a.StoreImm(Width.Word, R10, -4, 0);
        a.MapLookup(outer, -4);
        a.Jump(JumpOp.Eq, R0, 0, "none");
        a.Mov64(R1, R0);
        a.Mov64(R2, R10);
        a.Alu64(AluOp.Add, R2, -4);
        a.Call(Helper.MapLookupElem);
        a.Jump(JumpOp.Eq, R0, 0, "none");
        a.Load(Width.Word, R0, R0, 0);
        a.Exit();
        a.Label("none");
        a.Return(0);
    });

    [StructLayout(LayoutKind.Sequential)]
    private readonly record struct Pair(ulong A, ulong B);
}

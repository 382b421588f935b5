using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using NetTeam.Interop;
using NetTeam.Interop.Bpf;

namespace NetTeam.Bpf;

public sealed partial class BpfMap
{
    /// <summary>Reads the value of <paramref name="key"/>; the types must have the map's key and value sizes.</summary>
    public Errno Lookup<TKey, TValue>(in TKey key, out TValue value)
        where TKey : unmanaged
        where TValue : unmanaged
    {
        value = default;
        return Lookup(Bytes(in key), MemoryMarshal.AsBytes(new Span<TValue>(ref value)));
    }

    public Errno Update<TKey, TValue>(in TKey key, in TValue value, BpfMapUpdate flags = BpfMapUpdate.Any)
        where TKey : unmanaged
        where TValue : unmanaged => Update(Bytes(in key), Bytes(in value), flags);

    public Errno Delete<TKey>(in TKey key)
        where TKey : unmanaged => Delete(Bytes(in key));

    /// <summary>Appends every key to <paramref name="keys"/>, in the map's order (BPF_MAP_GET_NEXT_KEY from no key).</summary>
    public Errno ReadKeys<TKey>(ICollection<TKey> keys)
        where TKey : unmanaged
    {
        ArgumentNullException.ThrowIfNull(keys);
        TKey current = default;
        TKey next = default;
        bool first = true;
        while (true)
        {
            Errno err = NextKey(first ? default : Bytes(in current), MemoryMarshal.AsBytes(new Span<TKey>(ref next)));
            if (err == Errno.ENOENT)
            {
                return Errno.Success;
            }
            if (!err.IsSuccess)
            {
                return err;
            }
            keys.Add(next);
            current = next;
            first = false;
        }
    }

    /// <summary>Stores <paramref name="inner"/> (which must match the template) under <paramref name="key"/> of a map of maps.</summary>
    public Errno SetInnerMap<TKey>(in TKey key, BpfMap inner)
        where TKey : unmanaged
    {
        ArgumentNullException.ThrowIfNull(inner);
        uint fd = (uint)inner.Handle.Fd;
        Errno err = Update(Bytes(in key), Bytes(in fd));
        GC.KeepAlive(inner);
        return err;
    }

    /// <summary>The id of the inner map under <paramref name="key"/> of a map of maps (ENOENT when empty); see <see cref="OpenById"/>.</summary>
    public Errno LookupInnerMapId<TKey>(in TKey key, out uint id)
        where TKey : unmanaged => Lookup(in key, out id);

    /// <summary>Each possible CPU's value of <paramref name="key"/> in a per-CPU map, in CPU order.</summary>
    public Errno LookupPerCpu<TKey, TValue>(in TKey key, Span<TValue> perCpu)
        where TKey : unmanaged
        where TValue : unmanaged
    {
        CheckPerCpu<TValue>(perCpu.Length);
        byte[] buffer = new byte[UserValueSize];
        Errno err = Lookup(Bytes(in key), buffer);
        if (err.IsSuccess)
        {
            for (int cpu = 0; cpu < perCpu.Length; cpu++)
            {
                perCpu[cpu] = MemoryMarshal.Read<TValue>(buffer.AsSpan(cpu * PerCpuStride, ValueSize));
            }
        }
        return err;
    }

    /// <summary>Sets every possible CPU's value of <paramref name="key"/> in a per-CPU map.</summary>
    public Errno UpdatePerCpu<TKey, TValue>(in TKey key, ReadOnlySpan<TValue> perCpu, BpfMapUpdate flags = BpfMapUpdate.Any)
        where TKey : unmanaged
        where TValue : unmanaged
    {
        CheckPerCpu<TValue>(perCpu.Length);
        byte[] buffer = new byte[UserValueSize];
        for (int cpu = 0; cpu < perCpu.Length; cpu++)
        {
            TValue v = perCpu[cpu];
            MemoryMarshal.Write(buffer.AsSpan(cpu * PerCpuStride, ValueSize), in v);
        }
        return Update(Bytes(in key), buffer, flags);
    }

    /// <summary>
    /// The value of <paramref name="key"/> in a per-CPU map whose values are u64 counters, each counter
    /// summed over all possible CPUs into <paramref name="sums"/> (value size / 8 of them).
    /// </summary>
    public Errno LookupSum<TKey>(in TKey key, Span<ulong> sums)
        where TKey : unmanaged
    {
        if (!IsPerCpu || ValueSize % sizeof(ulong) != 0 || sums.Length != ValueSize / sizeof(ulong))
        {
            throw new ArgumentException($"Map \"{Name}\" does not hold {sums.Length} per-CPU u64 counters.", nameof(sums));
        }
        byte[] buffer = new byte[UserValueSize];
        Errno err = Lookup(Bytes(in key), buffer);
        sums.Clear();
        if (err.IsSuccess)
        {
            ReadOnlySpan<ulong> all = MemoryMarshal.Cast<byte, ulong>(buffer);
            for (int cpu = 0; cpu < PossibleCpus.Count; cpu++)
            {
                ReadOnlySpan<ulong> one = all.Slice(cpu * PerCpuStride / sizeof(ulong), sums.Length);
                for (int i = 0; i < sums.Length; i++)
                {
                    sums[i] += one[i];
                }
            }
        }
        return err;
    }

    /// <summary>As <see cref="LookupSum{TKey}(in TKey, Span{ulong})"/> into a struct made of u64 counters.</summary>
    public Errno LookupSum<TKey, TValue>(in TKey key, out TValue sum)
        where TKey : unmanaged
        where TValue : unmanaged
    {
        sum = default;
        return LookupSum(in key, MemoryMarshal.Cast<byte, ulong>(MemoryMarshal.AsBytes(new Span<TValue>(ref sum))));
    }

    private static ReadOnlySpan<byte> Bytes<T>(ref readonly T value)
        where T : unmanaged => MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in value));

    private void CheckPerCpu<TValue>(int count)
        where TValue : unmanaged
    {
        if (!IsPerCpu || Unsafe.SizeOf<TValue>() != ValueSize || count != PossibleCpus.Count)
        {
            throw new ArgumentException($"Map \"{Name}\" holds {PossibleCpus.Count} per-CPU values of {ValueSize} bytes.", nameof(count));
        }
    }
}

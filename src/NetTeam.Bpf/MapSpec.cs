using System.Runtime.CompilerServices;
using NetTeam.Interop.Bpf;

namespace NetTeam.Bpf;

/// <summary>
/// What a map is to be: its kind, key and value sizes, capacity and name, and for a map of maps the
/// template of its inner maps (every inner map stored in it must match that template).
/// </summary>
public sealed record MapSpec(string Name, BpfMapType Type, int KeySize, int ValueSize, int MaxEntries)
{
    /// <summary>map_flags (e.g. BPF_F_NO_PREALLOC); 0 for NetTeam's maps.</summary>
    public uint Flags { get; init; }

    /// <summary>For <see cref="BpfMapType.ArrayOfMaps"/> and <see cref="BpfMapType.HashOfMaps"/>: the inner map's shape.</summary>
    public MapSpec? InnerMap { get; init; }

    public bool IsPerCpu => Type is BpfMapType.PerCpuArray or BpfMapType.PerCpuHash or BpfMapType.LruPerCpuHash;

    public bool IsMapOfMaps => Type is BpfMapType.ArrayOfMaps or BpfMapType.HashOfMaps;

    /// <summary>An array of <typeparamref name="TValue"/> indexed by u32.</summary>
    public static MapSpec Array<TValue>(string name, int maxEntries)
        where TValue : unmanaged => new(name, BpfMapType.Array, sizeof(uint), Unsafe.SizeOf<TValue>(), maxEntries);

    /// <summary>An array of raw values of <paramref name="valueSize"/> bytes indexed by u32.</summary>
    public static MapSpec Array(string name, int valueSize, int maxEntries) => new(name, BpfMapType.Array, sizeof(uint), valueSize, maxEntries);

    /// <summary>A per-CPU array of <typeparamref name="TValue"/>: each CPU updates its own copy without atomics.</summary>
    public static MapSpec PerCpuArray<TValue>(string name, int maxEntries)
        where TValue : unmanaged => new(name, BpfMapType.PerCpuArray, sizeof(uint), Unsafe.SizeOf<TValue>(), maxEntries);

    public static MapSpec Hash<TKey, TValue>(string name, int maxEntries)
        where TKey : unmanaged
        where TValue : unmanaged => new(name, BpfMapType.Hash, Unsafe.SizeOf<TKey>(), Unsafe.SizeOf<TValue>(), maxEntries);

    /// <summary>An array of maps shaped like <paramref name="inner"/>, indexed by u32; the values are inner map fds.</summary>
    public static MapSpec ArrayOfMaps(string name, int maxEntries, MapSpec inner) =>
        new(name, BpfMapType.ArrayOfMaps, sizeof(uint), sizeof(uint), maxEntries) { InnerMap = inner };

    /// <summary>Why the kernel would refuse this spec, or null when it looks right.</summary>
    public string? Problem()
    {
        if (!BpfObjectName.IsValid(Name))
        {
            return $"map name \"{Name}\" is not 1-15 letters, digits, '_' or '.'";
        }
        if (KeySize <= 0 || ValueSize <= 0 || MaxEntries <= 0)
        {
            return $"map \"{Name}\" needs positive key size, value size and max entries";
        }
        if (Type is BpfMapType.Array or BpfMapType.PerCpuArray or BpfMapType.ArrayOfMaps && KeySize != sizeof(uint))
        {
            return $"array map \"{Name}\" is indexed by a u32 key";
        }
        if (IsMapOfMaps != (InnerMap is not null))
        {
            return IsMapOfMaps ? $"map of maps \"{Name}\" needs an inner map template" : $"map \"{Name}\" is not a map of maps";
        }
        return InnerMap?.Problem();
    }
}

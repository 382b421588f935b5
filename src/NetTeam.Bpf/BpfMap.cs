using NetTeam.Interop;
using NetTeam.Interop.Bpf;

namespace NetTeam.Bpf;

/// <summary>
/// A live BPF map, held by its fd (closed on Dispose; the map lives on while a program, a pin or an
/// outer map still holds it). Raw element access takes spans of exactly the map's key and value sizes
/// (for a per-CPU map, one 8-byte-aligned value per possible CPU); typed and per-CPU helpers are in the
/// other parts of this class.
/// </summary>
public sealed partial class BpfMap : IDisposable
{
    private BpfMap(FileDescriptorHandle handle, BpfMapInfo info)
    {
        Handle = handle;
        Name = info.Name;
        Type = info.Type;
        KeySize = (int)info.KeySize;
        ValueSize = (int)info.ValueSize;
        MaxEntries = (int)info.MaxEntries;
        Id = info.Id;
    }

    public FileDescriptorHandle Handle { get; }

    public string Name { get; }

    public BpfMapType Type { get; }

    public int KeySize { get; }

    /// <summary>The value size the map was created with (for a per-CPU map, one CPU's value).</summary>
    public int ValueSize { get; }

    public int MaxEntries { get; }

    /// <summary>The kernel's id for the map (stable while it lives, visible to bpftool).</summary>
    public uint Id { get; }

    public bool IsPerCpu => Type is BpfMapType.PerCpuArray or BpfMapType.PerCpuHash or BpfMapType.LruPerCpuHash;

    /// <summary>Bytes one element's value takes in user space: for a per-CPU map, round_up(value_size, 8) per possible CPU.</summary>
    public int UserValueSize => IsPerCpu ? PerCpuStride * PossibleCpus.Count : ValueSize;

    private int PerCpuStride => (ValueSize + 7) & ~7;

    /// <summary>Creates the map (for a map of maps, with a temporary inner map made from the template).</summary>
    public static BpfError Create(MapSpec spec, out BpfMap? map)
    {
        ArgumentNullException.ThrowIfNull(spec);
        map = null;
        string? problem = spec.Problem();
        if (problem is not null)
        {
            return new BpfError(Errno.EINVAL, problem);
        }
        BpfMap? template = null;
        if (spec.InnerMap is not null)
        {
            BpfError inner = Create(spec.InnerMap, out template);
            if (!inner.IsSuccess)
            {
                return inner;
            }
        }
        using (template)
        {
            Errno err = BpfSyscall.CreateMap(spec.Type, spec.KeySize, spec.ValueSize, spec.MaxEntries, spec.Flags, template?.Handle, spec.Name, out FileDescriptorHandle? handle);
            if (!err.IsSuccess)
            {
                return new BpfError(err, $"create map \"{spec.Name}\" ({spec.Type})");
            }
            return FromHandle(handle!, $"create map \"{spec.Name}\"", out map);
        }
    }

    /// <summary>Opens a map pinned at <paramref name="path"/> in a bpffs (BPF_OBJ_GET).</summary>
    public static BpfError OpenPinned(string path, out BpfMap? map)
    {
        map = null;
        Errno err = BpfSyscall.GetPinned(path, out FileDescriptorHandle? handle);
        return err.IsSuccess ? FromHandle(handle!, $"open pinned map {path}", out map) : new BpfError(err, $"open pinned map {path}");
    }

    /// <summary>Opens a live map by id (BPF_MAP_GET_FD_BY_ID), e.g. an inner map read back from a map of maps.</summary>
    public static BpfError OpenById(uint id, out BpfMap? map)
    {
        map = null;
        Errno err = BpfSyscall.GetMapById(id, out FileDescriptorHandle? handle);
        return err.IsSuccess ? FromHandle(handle!, $"open map id {id}", out map) : new BpfError(err, $"open map id {id}");
    }

    /// <summary>Pins the map at <paramref name="path"/> (in a bpffs; the directory must exist).</summary>
    public BpfError Pin(string path)
    {
        Errno err = BpfSyscall.Pin(Handle, path);
        return err.IsSuccess ? BpfError.Success : new BpfError(err, $"pin map \"{Name}\" at {path}");
    }

    /// <summary>What the kernel says the map is (to check a pinned map against what a program expects).</summary>
    public Errno GetInfo(out BpfMapInfo info) => BpfSyscall.GetMapInfo(Handle, out info);

    public Errno Lookup(ReadOnlySpan<byte> key, Span<byte> value)
    {
        CheckKey(key);
        CheckValue(value.Length);
        return BpfSyscall.LookupElement(Handle, key, value);
    }

    public Errno Update(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, BpfMapUpdate flags = BpfMapUpdate.Any)
    {
        CheckKey(key);
        CheckValue(value.Length);
        return BpfSyscall.UpdateElement(Handle, key, value, flags);
    }

    public Errno Delete(ReadOnlySpan<byte> key)
    {
        CheckKey(key);
        return BpfSyscall.DeleteElement(Handle, key);
    }

    /// <summary>The key after <paramref name="key"/> (the first key when it is empty); ENOENT after the last.</summary>
    public Errno NextKey(ReadOnlySpan<byte> key, Span<byte> nextKey)
    {
        if (!key.IsEmpty)
        {
            CheckKey(key);
        }
        CheckKey(nextKey);
        return BpfSyscall.GetNextKey(Handle, key, nextKey);
    }

    public void Dispose() => Handle.Dispose();

    private static BpfError FromHandle(FileDescriptorHandle handle, string operation, out BpfMap? map)
    {
        Errno err = BpfSyscall.GetMapInfo(handle, out BpfMapInfo info);
        if (!err.IsSuccess)
        {
            handle.Dispose();
            map = null;
            return new BpfError(err, operation);
        }
        map = new BpfMap(handle, info);
        return BpfError.Success;
    }

    private void CheckKey(ReadOnlySpan<byte> key)
    {
        if (key.Length != KeySize)
        {
            throw new ArgumentException($"Map \"{Name}\" has {KeySize}-byte keys, not {key.Length}.", nameof(key));
        }
    }

    private void CheckValue(int length)
    {
        // The kernel writes exactly this much: a shorter buffer would be overrun.
        int expected = IsMapOfMapsValue ? sizeof(uint) : UserValueSize;
        if (length != expected)
        {
            throw new ArgumentException($"Map \"{Name}\" has {expected}-byte values in user space, not {length}.", nameof(length));
        }
    }

    private bool IsMapOfMapsValue => Type is BpfMapType.ArrayOfMaps or BpfMapType.HashOfMaps;
}

using System.Text;
using NetTeam.Interop.Bpf.Native;

namespace NetTeam.Interop.Bpf;

/// <summary>
/// bpf(2) (man 2 bpf, linux/bpf.h), one method per command, errors as <see cref="Errno"/> values. Every
/// descriptor comes back as a <see cref="FileDescriptorHandle"/> opened with O_CLOEXEC (the kernel sets
/// it on every bpf fd). Buffers are the caller's: a value span must hold the map's whole value
/// (value_size, or value_size rounded up to 8 times the possible CPUs for per-CPU maps), as the kernel
/// writes that much.
/// </summary>
public static unsafe partial class BpfSyscall
{
    /// <summary>BPF_MAP_CREATE. <paramref name="innerMap"/> is the template of an array or hash of maps.</summary>
    public static Errno CreateMap(BpfMapType type, int keySize, int valueSize, int maxEntries, uint flags, FileDescriptorHandle? innerMap, string name, out FileDescriptorHandle? map)
    {
        ArgumentNullException.ThrowIfNull(name);
        MapCreateAttr attr = new()
        {
            MapType = (uint)type,
            KeySize = (uint)keySize,
            ValueSize = (uint)valueSize,
            MaxEntries = (uint)maxEntries,
            MapFlags = flags,
            InnerMapFd = innerMap is null ? 0 : (uint)innerMap.Fd,
        };
        BpfObjectName.Write(name, attr.MapName);
        return NewFd(BpfNative.Call(BpfCommand.MapCreate, ref attr), out map);
    }

    /// <summary>BPF_MAP_LOOKUP_ELEM: ENOENT when the key is absent. An array or hash of maps yields the inner map's id (u32).</summary>
    public static Errno LookupElement(FileDescriptorHandle map, ReadOnlySpan<byte> key, Span<byte> value)
    {
        ArgumentNullException.ThrowIfNull(map);
        fixed (byte* k = key)
        fixed (byte* v = value)
        {
            MapElemAttr attr = new() { MapFd = (uint)map.Fd, Key = (ulong)k, Value = (ulong)v };
            return Result(BpfNative.Call(BpfCommand.MapLookupElem, ref attr));
        }
    }

    /// <summary>BPF_MAP_UPDATE_ELEM. An array or hash of maps takes the inner map's fd (u32) as the value.</summary>
    public static Errno UpdateElement(FileDescriptorHandle map, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, BpfMapUpdate flags)
    {
        ArgumentNullException.ThrowIfNull(map);
        fixed (byte* k = key)
        fixed (byte* v = value)
        {
            MapElemAttr attr = new() { MapFd = (uint)map.Fd, Key = (ulong)k, Value = (ulong)v, Flags = (ulong)flags };
            return Result(BpfNative.Call(BpfCommand.MapUpdateElem, ref attr));
        }
    }

    /// <summary>BPF_MAP_DELETE_ELEM: ENOENT when absent; EINVAL for arrays, whose elements always exist.</summary>
    public static Errno DeleteElement(FileDescriptorHandle map, ReadOnlySpan<byte> key)
    {
        ArgumentNullException.ThrowIfNull(map);
        fixed (byte* k = key)
        {
            MapElemAttr attr = new() { MapFd = (uint)map.Fd, Key = (ulong)k };
            return Result(BpfNative.Call(BpfCommand.MapDeleteElem, ref attr));
        }
    }

    /// <summary>BPF_MAP_GET_NEXT_KEY: the key after <paramref name="key"/>, or the first key when it is empty; ENOENT at the end.</summary>
    public static Errno GetNextKey(FileDescriptorHandle map, ReadOnlySpan<byte> key, Span<byte> nextKey)
    {
        ArgumentNullException.ThrowIfNull(map);
        fixed (byte* k = key)
        fixed (byte* n = nextKey)
        {
            MapElemAttr attr = new() { MapFd = (uint)map.Fd, Key = key.IsEmpty ? 0 : (ulong)k, Value = (ulong)n };
            return Result(BpfNative.Call(BpfCommand.MapGetNextKey, ref attr));
        }
    }

    /// <summary>BPF_MAP_GET_FD_BY_ID: a new descriptor for a live map (an inner map read from a map of maps).</summary>
    public static Errno GetMapById(uint id, out FileDescriptorHandle? map)
    {
        GetFdByIdAttr attr = new() { Id = id };
        return NewFd(BpfNative.Call(BpfCommand.MapGetFdById, ref attr), out map);
    }

    /// <summary>BPF_OBJ_GET_INFO_BY_FD on a map.</summary>
    public static Errno GetMapInfo(FileDescriptorHandle map, out BpfMapInfo info)
    {
        MapInfoNative raw = default;
        Errno err = GetInfo(map, &raw, sizeof(MapInfoNative));
        info = err.IsSuccess
            ? new BpfMapInfo((BpfMapType)raw.Type, raw.Id, raw.KeySize, raw.ValueSize, raw.MaxEntries, raw.MapFlags, BpfObjectName.Read(raw.Name))
            : default;
        return err;
    }

    /// <summary>BPF_OBJ_PIN: a file in a bpffs that keeps the object alive after every descriptor is closed.</summary>
    public static Errno Pin(FileDescriptorHandle handle, string path)
    {
        ArgumentNullException.ThrowIfNull(handle);
        fixed (byte* p = NulTerminated(path))
        {
            ObjAttr attr = new() { Pathname = (ulong)p, BpfFd = (uint)handle.Fd };
            return Result(BpfNative.Call(BpfCommand.ObjPin, ref attr));
        }
    }

    /// <summary>BPF_OBJ_GET: a new descriptor for a pinned object.</summary>
    public static Errno GetPinned(string path, out FileDescriptorHandle? handle)
    {
        fixed (byte* p = NulTerminated(path))
        {
            ObjAttr attr = new() { Pathname = (ulong)p };
            return NewFd(BpfNative.Call(BpfCommand.ObjGet, ref attr), out handle);
        }
    }

    private static Errno GetInfo(FileDescriptorHandle handle, void* info, int size)
    {
        ArgumentNullException.ThrowIfNull(handle);
        InfoAttr attr = new() { BpfFd = (uint)handle.Fd, InfoLen = (uint)size, Info = (ulong)info };
        return Result(BpfNative.Call(BpfCommand.ObjGetInfoByFd, ref attr));
    }

    private static byte[] NulTerminated(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes = new byte[Encoding.UTF8.GetByteCount(path) + 1];
        Encoding.UTF8.GetBytes(path, bytes);
        return bytes;
    }

    private static Errno Result(int rc) => rc < 0 ? Errno.FromLastError() : Errno.Success;

    private static Errno NewFd(int fd, out FileDescriptorHandle? handle)
    {
        Errno err = Result(fd);
        handle = err.IsSuccess ? new FileDescriptorHandle(fd) : null;
        return err;
    }
}

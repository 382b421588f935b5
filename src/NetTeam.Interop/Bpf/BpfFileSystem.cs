using NetTeam.Interop.Bpf.Native;

namespace NetTeam.Interop.Bpf;

/// <summary>
/// The BPF file system that pins live in (Documentation/bpf/, "bpffs"). It is not mounted at boot on
/// every machine (the project machine's Debian 12 has none), so the daemon mounts it when absent.
/// </summary>
public static unsafe class BpfFileSystem
{
    /// <summary>Where systemd and iproute2 expect it.</summary>
    public const string DefaultPath = "/sys/fs/bpf";

    /// <summary>Whether <paramref name="path"/> is on a bpffs (statfs(2) f_type is BPF_FS_MAGIC).</summary>
    public static Errno IsMounted(string path, out bool mounted)
    {
        byte* buffer = stackalloc byte[BpfNative.StatFsSize];
        if (BpfNative.StatFs(path, buffer) < 0)
        {
            mounted = false;
            return Errno.FromLastError();
        }
        mounted = *(long*)buffer == BpfNative.BpfFsMagic;
        return Errno.Success;
    }

    /// <summary>Mounts a bpffs on <paramref name="path"/> unless one is already there (mount -t bpf bpf PATH).</summary>
    public static Errno EnsureMounted(string path = DefaultPath)
    {
        Errno err = IsMounted(path, out bool mounted);
        if (!err.IsSuccess || mounted)
        {
            return err;
        }
        // mode=0700: pins are root's, as iproute2 and systemd mount it.
        byte[] options = "mode=0700\0"u8.ToArray();
        fixed (byte* data = options)
        {
            if (BpfNative.Mount("bpf", path, "bpf", 0, data) < 0)
            {
                err = Errno.FromLastError();
                // Another process may have mounted it between the check and the mount.
                return IsMounted(path, out mounted).IsSuccess && mounted ? Errno.Success : err;
            }
        }
        return Errno.Success;
    }
}

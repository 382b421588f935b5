using System.Runtime.InteropServices;

namespace NetTeam.Interop.Bpf.Native;

/// <summary>
/// The raw imports behind bpf(2) and bpffs: glibc has no bpf() wrapper, so the call goes through
/// syscall(2) with the x86-64 number. Native names and numbers stay inside this project.
/// </summary>
internal static unsafe partial class BpfNative
{
    private const string Lib = "libc";

    /// <summary>__NR_bpf on x86-64 (arch/x86/entry/syscalls/syscall_64.tbl).</summary>
    private const long SysBpf = 321;

    /// <summary>BPF_FS_MAGIC (linux/magic.h): statfs(2)'s f_type of a bpffs mount.</summary>
    public const long BpfFsMagic = 0xcafe4a11;

    /// <summary>BPF_F_REPLACE (linux/bpf.h): BPF_LINK_UPDATE only if old_prog_fd is the link's program.</summary>
    public const uint FReplace = 1 << 2;

    /// <summary>sizeof(struct statfs) on x86-64 is 120; f_type is its first member (a long).</summary>
    public const int StatFsSize = 120;

    /// <summary>bpf(cmd, attr, size): the attr struct is the command's member of union bpf_attr.</summary>
    public static int Call<T>(BpfCommand command, ref T attr)
        where T : unmanaged
    {
        if (RuntimeInformation.ProcessArchitecture != Architecture.X64)
        {
            // Syscall numbers differ per architecture; 321 means something else elsewhere.
            throw new PlatformNotSupportedException("NetTeam's bpf(2) interop is for x86-64 only.");
        }
        fixed (T* p = &attr)
        {
            return (int)Syscall(SysBpf, (long)command, p, sizeof(T));
        }
    }

    // syscall(2) is variadic; on x86-64 integer arguments travel in the same registers either way, and
    // glibc's syscall() reads no vector registers, so a fixed-argument import is sound there.
    [LibraryImport(Lib, EntryPoint = "syscall", SetLastError = true)]
    private static partial long Syscall(long number, long command, void* attr, long size);

    [LibraryImport(Lib, EntryPoint = "mount", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Mount(string source, string target, string fileSystemType, ulong flags, void* data);

    [LibraryImport(Lib, EntryPoint = "statfs", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int StatFs(string path, byte* buffer);
}

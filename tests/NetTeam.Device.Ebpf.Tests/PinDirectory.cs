using NetTeam.Interop;
using NetTeam.Interop.Bpf;

namespace NetTeam.Device.Ebpf.Tests;

/// <summary>A directory of this test's own in the bpffs (mounted when absent), removed with its pins on Dispose.</summary>
internal sealed class PinDirectory : IDisposable
{
    public PinDirectory()
    {
        Errno err = BpfFileSystem.EnsureMounted();
        Assert.True(err.IsSuccess, $"mount bpffs: {err}");
        Path = System.IO.Path.Combine(BpfFileSystem.DefaultPath, "netteam-test-" + Guid.NewGuid().ToString("N")[..12]);
    }

    public string Path { get; }

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}

using NetTeam.Interop;

namespace NetTeam.Device.DataPlane.Userspace;

/// <summary>A port as the userspace plane holds it: its packet socket (referenced for the slot's lifetime), batch and counters.</summary>
internal sealed class PortSocket : IDisposable
{
    private bool _refAdded;

    public PortSocket(PortAttachment port, FileDescriptorHandle handle, MessageBatch batch)
    {
        Index = port.Slot;
        Name = port.Name;
        Carrier = port.Carrier;
        Handle = handle;
        Batch = batch;
        handle.DangerousAddRef(ref _refAdded);
        Fd = handle.Fd;
    }

    public int Index { get; }

    /// <summary>The port's name, for the carrier ioctl (renames are rare and only weaken the sampling).</summary>
    public string Name { get; }

    public FileDescriptorHandle Handle { get; }

    public int Fd { get; }

    public MessageBatch Batch { get; }

    public PlaneCounters Counters { get; } = new();

    /// <summary>The carrier last sampled or attached with.</summary>
    public bool Carrier { get; set; }

    public long NextCarrierCheck { get; set; }

    public void Dispose()
    {
        if (_refAdded)
        {
            _refAdded = false;
            Handle.DangerousRelease();
        }
        Handle.Dispose();
        Batch.Dispose();
    }
}

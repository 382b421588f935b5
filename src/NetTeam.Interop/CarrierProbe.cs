using NetTeam.Interop.Native;

namespace NetTeam.Interop;

/// <summary>
/// Reads a netdev's carrier at once (ETHTOOL_GLINK, which asks the driver, usually netif_carrier_ok), from
/// a socket opened once in the netdev's namespace, allocating nothing. rtnetlink reports carrier changes
/// through the kernel's linkwatch, which batches the events of ordinary (non-LAG) devices to one run per
/// second across the whole host (net/core/link_watch.c linkwatch_urgent_event): a carrier loss can reach
/// a listener up to a second late. A userspace team's ports are not LAG ports to the kernel, so NetTeam
/// reads the carrier itself where a second matters.
/// </summary>
public sealed unsafe class CarrierProbe : IDisposable
{
    private const nuint SIOCETHTOOL = 0x8946;
    private const uint ETHTOOL_GLINK = 0xa;

    private readonly FileDescriptorHandle _socket;

    private CarrierProbe(FileDescriptorHandle socket) => _socket = socket;

    /// <summary>Opens the probe in the calling thread's network namespace.</summary>
    public static Errno Open(out CarrierProbe? probe)
    {
        Errno err = Libc.OpenSocket(Libc.AF_INET, Libc.SOCK_DGRAM, 0, out FileDescriptorHandle? socket);
        probe = err.IsSuccess ? new CarrierProbe(socket!) : null;
        return err;
    }

    public Errno IsUp(string ifname, out bool up)
    {
        EthtoolValue value = new() { Cmd = ETHTOOL_GLINK };
        IfReq req = default;
        req.SetName(ifname);
        req.Data = &value;
        if (Libc.Ioctl(_socket.Fd, SIOCETHTOOL, &req) < 0)
        {
            up = false;
            return Errno.FromLastError();
        }
        up = value.Data != 0;
        return Errno.Success;
    }

    public void Dispose() => _socket.Dispose();
}

using NetTeam.Device.Backends;
using NetTeam.Interop;

namespace NetTeam.Device.Linux;

/// <summary>
/// The team interface as a TAP device (linux/if_tun.h): IFF_TAP | IFF_NO_PI | IFF_VNET_HDR so GSO frames and
/// checksum offload pass untouched, with TUNSETOFFLOAD so the stack hands us 64 KB frames, and the team
/// carrier as the TAP's carrier (TUNSETCARRIER).
/// </summary>
internal sealed class TapTeamInterface : ITeamInterface
{
    private readonly bool _keep;
    private readonly FileDescriptorHandle _transmit;
    private readonly object _transmitSync = new();

    private TapTeamInterface(FileDescriptorHandle handle, FileDescriptorHandle transmit, string name, int ifIndex, bool keep)
    {
        Handle = handle;
        _transmit = transmit;
        Name = name;
        IfIndex = ifIndex;
        _keep = keep;
    }

    public FileDescriptorHandle Handle { get; }

    public string Name { get; }

    public int IfIndex { get; }

    /// <summary>Creates (or, for a persistent TAP, attaches to) the TAP; the caller is in the team's namespace.</summary>
    public static TapTeamInterface Open(string name, bool persist, Rtnetlink rtnl)
    {
        Errno err = Tap.Open(name, vnetHeader: true, out FileDescriptorHandle? handle, out string actualName);
        if (!err.IsSuccess || handle is null)
        {
            throw new TeamException(err, $"Cannot create the team interface \"{name}\" (TAP): {err.Message}.");
        }
        try
        {
            Check(Tap.SetVnetHeaderSize(handle, Tap.VnetHeaderSize), "TUNSETVNETHDRSZ");
            // USO needs Linux 6.2; fall back to TCP segmentation offload only.
            TapOffload offload = TapOffload.Checksum | TapOffload.Tso4 | TapOffload.Tso6 | TapOffload.TsoEcn;
            if (!Tap.SetOffload(handle, offload | TapOffload.Uso4 | TapOffload.Uso6).IsSuccess)
            {
                Check(Tap.SetOffload(handle, offload), "TUNSETOFFLOAD");
            }
            Check(Tap.SetPersist(handle, persist), "TUNSETPERSIST");
            Check(RawIo.SetNonBlocking(handle.Fd, true), "O_NONBLOCK");
            err = rtnl.GetLink(actualName, out LinkInfo? link);
            if (!err.IsSuccess || link is null)
            {
                throw new TeamException(err, $"The TAP {actualName} vanished: {err.Message}.");
            }
            // A packet socket on the TAP sends as the team's stack does (dev_queue_xmit): the frame reaches the
            // TAP's reader, the data plane, and leaves by the mode. Protocol 0: it never receives anything.
            err = PacketSocket.Open(link.Index, 0, nonBlocking: true, out FileDescriptorHandle? transmit);
            if (!err.IsSuccess || transmit is null)
            {
                throw new TeamException(err, $"Cannot open a transmit socket on {actualName}: {err.Message}.");
            }
            return new TapTeamInterface(handle, transmit, actualName, link.Index, persist);
        }
        catch
        {
            handle.Dispose();
            throw;
        }

        static void Check(Errno e, string what)
        {
            if (!e.IsSuccess)
            {
                throw new TeamException(e, $"Setting up the team TAP failed at {what}: {e.Message}.");
            }
        }
    }

    public void SetCarrier(bool carrier) => Tap.SetCarrier(Handle, carrier);

    public Errno Transmit(ReadOnlySpan<byte> frame)
    {
        lock (_transmitSync)
        {
            return _transmit.IsClosed ? Errno.ENODEV : PacketSocket.SendTo(_transmit, IfIndex, frame);
        }
    }

    /// <summary>Called when a clean stop removes the persistent interface (its record goes with it).</summary>
    public Action? OnRemoved { get; set; }

    public void RemoveOnClose()
    {
        if (_keep)
        {
            Tap.SetPersist(Handle, false);
            OnRemoved?.Invoke();
        }
    }

    public void Dispose()
    {
        // Closing the last descriptor of a non-persistent TAP deletes the netdev; a persistent one stays (-N,
        // a crash, a handover), with its addresses and routes, for the next daemon to take over.
        lock (_transmitSync)
        {
            _transmit.Dispose();
        }
        Handle.Dispose();
    }
}

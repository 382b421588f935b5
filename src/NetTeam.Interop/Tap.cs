using NetTeam.Interop.Native;

namespace NetTeam.Interop;

/// <summary>TAP devices through /dev/net/tun (linux/if_tun.h, Documentation/networking/tuntap.rst).</summary>
public static unsafe class Tap
{
    /// <summary>sizeof(struct virtio_net_hdr): the vnet header both TAP and PACKET_VNET_HDR use.</summary>
    public const int VnetHeaderSize = 10;

    private const nuint TUNSETIFF = 0x400454ca;
    private const nuint TUNSETPERSIST = 0x400454cb;
    private const nuint TUNSETOFFLOAD = 0x400454d0;
    private const nuint TUNSETVNETHDRSZ = 0x400454d8;
    private const nuint TUNSETCARRIER = 0x400454e2;
    private const short IFF_TAP = 0x0002;
    private const short IFF_NO_PI = 0x1000;
    private const short IFF_VNET_HDR = 0x4000;

    /// <summary>Creates the TAP, or attaches to an existing persistent one of that name.</summary>
    public static Errno Open(string name, bool vnetHeader, out FileDescriptorHandle? handle, out string actualName)
    {
        handle = null;
        actualName = name;
        int fd = Libc.Open("/dev/net/tun", Libc.O_RDWR | Libc.O_CLOEXEC);
        if (fd < 0)
        {
            return Errno.FromLastError();
        }
        FileDescriptorHandle h = new(fd);
        IfReq req = default;
        req.SetName(name);
        req.Flags = (short)(IFF_TAP | IFF_NO_PI | (vnetHeader ? IFF_VNET_HDR : 0));
        if (Libc.Ioctl(fd, TUNSETIFF, &req) < 0)
        {
            Errno err = Errno.FromLastError();
            h.Dispose();
            return err;
        }
        actualName = new string((sbyte*)req.Name);
        handle = h;
        return Errno.Success;
    }

    public static Errno SetPersist(FileDescriptorHandle tap, bool persist) => IoctlValue(tap, TUNSETPERSIST, persist ? 1 : 0);

    public static Errno SetCarrier(FileDescriptorHandle tap, bool carrier)
    {
        // TUNSETCARRIER takes a pointer to an int (drivers/net/tun.c).
        int value = carrier ? 1 : 0;
        return Ioctl(tap, TUNSETCARRIER, &value);
    }

    public static Errno SetOffload(FileDescriptorHandle tap, TapOffload offload) => IoctlValue(tap, TUNSETOFFLOAD, (nint)offload);

    public static Errno SetVnetHeaderSize(FileDescriptorHandle tap, int size) => Ioctl(tap, TUNSETVNETHDRSZ, &size);

    private static Errno IoctlValue(FileDescriptorHandle tap, nuint request, nint value)
    {
        ArgumentNullException.ThrowIfNull(tap);
        return Libc.Ioctl(tap.Fd, request, value) < 0 ? Errno.FromLastError() : Errno.Success;
    }

    private static Errno Ioctl(FileDescriptorHandle tap, nuint request, void* argument)
    {
        ArgumentNullException.ThrowIfNull(tap);
        return Libc.Ioctl(tap.Fd, request, argument) < 0 ? Errno.FromLastError() : Errno.Success;
    }
}

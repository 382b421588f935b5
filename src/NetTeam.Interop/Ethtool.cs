using NetTeam.Interop.Native;

namespace NetTeam.Interop;

/// <summary>ethtool ioctls (SIOCETHTOOL, linux/ethtool.h) in the calling thread's namespace.</summary>
public static unsafe class Ethtool
{
    private const nuint SIOCETHTOOL = 0x8946;
    private const uint ETHTOOL_GSET = 0x1;
    private const uint ETHTOOL_GDRVINFO = 0x3;
    private const uint ETHTOOL_STXCSUM = 0x17;
    private const uint ETHTOOL_GLINKSETTINGS = 0x4c;
    private const uint SPEED_UNKNOWN = 0xFFFFFFFF;
    private const int MaxMaskWords = 127;

    /// <summary>Speed (Mbit/s, -1 unknown) and duplex: ETHTOOL_GLINKSETTINGS, falling back to ETHTOOL_GSET.</summary>
    public static Errno GetLinkSettings(string ifname, out int speedMbps, out Duplex duplex)
    {
        speedMbps = -1;
        duplex = Duplex.Unknown;
        // The link-mode masks follow the struct: three masks of nwords u32 each.
        int size = sizeof(EthtoolLinkSettings) + (3 * MaxMaskWords * sizeof(uint));
        byte* buffer = stackalloc byte[size];
        new Span<byte>(buffer, size).Clear();
        EthtoolLinkSettings* s = (EthtoolLinkSettings*)buffer;
        s->Cmd = ETHTOOL_GLINKSETTINGS;
        // Handshake: nwords 0 asks the kernel for its mask size, answered as a negative number.
        Errno err = Call(ifname, buffer);
        if (err.IsSuccess && s->LinkModeMasksNwords < 0)
        {
            sbyte words = (sbyte)-s->LinkModeMasksNwords;
            new Span<byte>(buffer, size).Clear();
            s->Cmd = ETHTOOL_GLINKSETTINGS;
            s->LinkModeMasksNwords = words;
            err = Call(ifname, buffer);
            if (err.IsSuccess)
            {
                speedMbps = s->Speed == SPEED_UNKNOWN ? -1 : (int)s->Speed;
                duplex = s->Duplex is 0 or 1 ? (Duplex)s->Duplex : Duplex.Unknown;
                return Errno.Success;
            }
        }
        EthtoolCmd cmd = default;
        cmd.Cmd = ETHTOOL_GSET;
        err = Call(ifname, &cmd);
        if (!err.IsSuccess)
        {
            return err;
        }
        uint speed = ((uint)cmd.SpeedHi << 16) | cmd.Speed;
        speedMbps = speed == SPEED_UNKNOWN || speed == 0xFFFF ? -1 : (int)speed;
        duplex = cmd.Duplex is 0 or 1 ? (Duplex)cmd.Duplex : Duplex.Unknown;
        return Errno.Success;
    }

    public static Errno GetDriver(string ifname, out string driver)
    {
        EthtoolDrvInfo info = default;
        info.Cmd = ETHTOOL_GDRVINFO;
        Errno err = Call(ifname, &info);
        driver = err.IsSuccess ? new string((sbyte*)info.Driver) : string.Empty;
        return err;
    }

    public static Errno SetTxChecksum(string ifname, bool on)
    {
        EthtoolValue value = new() { Cmd = ETHTOOL_STXCSUM, Data = on ? 1u : 0u };
        return Call(ifname, &value);
    }

    private static Errno Call(string ifname, void* data)
    {
        int fd = Libc.Socket(Libc.AF_INET, Libc.SOCK_DGRAM | Libc.SOCK_CLOEXEC, 0);
        if (fd < 0)
        {
            return Errno.FromLastError();
        }
        try
        {
            IfReq req = default;
            req.SetName(ifname);
            req.Data = data;
            return Libc.Ioctl(fd, SIOCETHTOOL, &req) < 0 ? Errno.FromLastError() : Errno.Success;
        }
        finally
        {
            Libc.Close(fd);
        }
    }
}

using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using NetTeam.Interop.Native;

namespace NetTeam.Interop.Tests;

/// <summary>Our native struct layouts against the C compiler's, on this machine's headers.</summary>
public class StructLayoutTests
{
    private const string Program = """
        #define _GNU_SOURCE
        #include <stdio.h>
        #include <stddef.h>
        #include <poll.h>
        #include <sys/epoll.h>
        #include <sys/socket.h>
        #include <sys/uio.h>
        #include <net/if.h>
        #include <linux/if_packet.h>
        #include <linux/netlink.h>
        #include <linux/rtnetlink.h>
        #include <linux/ethtool.h>
        #include <linux/filter.h>
        #define S(t) printf(#t " size %zu\n", sizeof(struct t));
        #define O(t, f) printf(#t "." #f " %zu\n", offsetof(struct t, f));
        int main(void) {
            S(pollfd) O(pollfd, events) O(pollfd, revents)
            S(epoll_event) O(epoll_event, data)
            S(iovec) O(iovec, iov_len)
            S(msghdr) O(msghdr, msg_namelen) O(msghdr, msg_iov) O(msghdr, msg_iovlen) O(msghdr, msg_control) O(msghdr, msg_controllen) O(msghdr, msg_flags)
            S(mmsghdr) O(mmsghdr, msg_len)
            S(ifreq) O(ifreq, ifr_flags) O(ifreq, ifr_data)
            S(sockaddr_ll) O(sockaddr_ll, sll_protocol) O(sockaddr_ll, sll_ifindex) O(sockaddr_ll, sll_hatype) O(sockaddr_ll, sll_pkttype) O(sockaddr_ll, sll_halen) O(sockaddr_ll, sll_addr)
            S(packet_mreq) O(packet_mreq, mr_type) O(packet_mreq, mr_alen) O(packet_mreq, mr_address)
            S(sockaddr_nl) O(sockaddr_nl, nl_pid) O(sockaddr_nl, nl_groups)
            S(nlmsghdr) O(nlmsghdr, nlmsg_type) O(nlmsghdr, nlmsg_flags) O(nlmsghdr, nlmsg_seq) O(nlmsghdr, nlmsg_pid)
            S(ifinfomsg) O(ifinfomsg, ifi_type) O(ifinfomsg, ifi_index) O(ifinfomsg, ifi_flags) O(ifinfomsg, ifi_change)
            S(ifaddrmsg) O(ifaddrmsg, ifa_index)
            S(rtattr) O(rtattr, rta_type)
            S(ethtool_cmd) O(ethtool_cmd, speed) O(ethtool_cmd, duplex) O(ethtool_cmd, speed_hi) O(ethtool_cmd, lp_advertising)
            S(ethtool_link_settings) O(ethtool_link_settings, speed) O(ethtool_link_settings, duplex) O(ethtool_link_settings, link_mode_masks_nwords)
            S(ethtool_drvinfo) O(ethtool_drvinfo, driver) O(ethtool_drvinfo, bus_info) O(ethtool_drvinfo, n_priv_flags) O(ethtool_drvinfo, regdump_len)
            S(ethtool_value) O(ethtool_value, data)
            S(sock_filter) O(sock_filter, jt) O(sock_filter, jf) O(sock_filter, k)
            S(sock_fprog) O(sock_fprog, filter)
            S(tpacket_auxdata) O(tpacket_auxdata, tp_len) O(tpacket_auxdata, tp_mac) O(tpacket_auxdata, tp_vlan_tci) O(tpacket_auxdata, tp_vlan_tpid)
            S(cmsghdr) O(cmsghdr, cmsg_level) O(cmsghdr, cmsg_type)
            return 0;
        }
        """;

    private static readonly Lazy<Dictionary<string, int>> s_gcc = new(Compile);

    private static Dictionary<string, int> Compile()
    {
        string dir = Directory.CreateTempSubdirectory("netteam-layout-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "layout.c"), Program);
            Run("gcc", "-o", Path.Combine(dir, "layout"), Path.Combine(dir, "layout.c"));
            return Run(Path.Combine(dir, "layout")).Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(l => l.Split(' '))
                .ToDictionary(p => p[0] + (p.Length == 3 ? " " + p[1] : string.Empty), p => int.Parse(p[^1], System.Globalization.CultureInfo.InvariantCulture));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static string Run(string file, params string[] args)
    {
        ProcessStartInfo psi = new(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }
        using Process p = Process.Start(psi)!;
        string output = p.StandardOutput.ReadToEnd();
        string error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"{file} failed: {error}");
        return output;
    }

    private static void Size<T>(string c)
        where T : unmanaged => Assert.Equal(s_gcc.Value[c + " size"], Unsafe.SizeOf<T>());

    private static void Offset<T>(string c, string field, string ours) =>
        Assert.Equal(s_gcc.Value[$"{c}.{field}"], (int)Marshal.OffsetOf<T>(ours));

    [Fact]
    public void PollAndEpoll()
    {
        Size<PollFd>("pollfd");
        Offset<PollFd>("pollfd", "events", nameof(PollFd.Events));
        Offset<PollFd>("pollfd", "revents", nameof(PollFd.Revents));
        Size<EpollEvent>("epoll_event");
        Offset<EpollEvent>("epoll_event", "data", nameof(EpollEvent.Data));
    }

    [Fact]
    public void MessageHeaders()
    {
        Size<IoVec>("iovec");
        Offset<IoVec>("iovec", "iov_len", nameof(IoVec.Length));
        Size<MsgHdr>("msghdr");
        Offset<MsgHdr>("msghdr", "msg_namelen", nameof(MsgHdr.NameLength));
        Offset<MsgHdr>("msghdr", "msg_iov", nameof(MsgHdr.Iov));
        Offset<MsgHdr>("msghdr", "msg_iovlen", nameof(MsgHdr.IovLength));
        Offset<MsgHdr>("msghdr", "msg_control", nameof(MsgHdr.Control));
        Offset<MsgHdr>("msghdr", "msg_controllen", nameof(MsgHdr.ControlLength));
        Offset<MsgHdr>("msghdr", "msg_flags", nameof(MsgHdr.Flags));
        Size<MMsgHdr>("mmsghdr");
        Offset<MMsgHdr>("mmsghdr", "msg_len", nameof(MMsgHdr.Length));
    }

    [Fact]
    public void InterfaceRequestAndPacketStructs()
    {
        Size<IfReq>("ifreq");
        Offset<IfReq>("ifreq", "ifr_flags", nameof(IfReq.Flags));
        Offset<IfReq>("ifreq", "ifr_data", nameof(IfReq.Data));
        Size<SockaddrLl>("sockaddr_ll");
        Offset<SockaddrLl>("sockaddr_ll", "sll_protocol", nameof(SockaddrLl.Protocol));
        Offset<SockaddrLl>("sockaddr_ll", "sll_ifindex", nameof(SockaddrLl.IfIndex));
        Offset<SockaddrLl>("sockaddr_ll", "sll_hatype", nameof(SockaddrLl.HaType));
        Offset<SockaddrLl>("sockaddr_ll", "sll_pkttype", nameof(SockaddrLl.PktType));
        Offset<SockaddrLl>("sockaddr_ll", "sll_halen", nameof(SockaddrLl.HaLen));
        Offset<SockaddrLl>("sockaddr_ll", "sll_addr", nameof(SockaddrLl.Addr));
        Size<PacketMreq>("packet_mreq");
        Offset<PacketMreq>("packet_mreq", "mr_type", nameof(PacketMreq.Type));
        Offset<PacketMreq>("packet_mreq", "mr_alen", nameof(PacketMreq.ALen));
        Offset<PacketMreq>("packet_mreq", "mr_address", nameof(PacketMreq.Address));
    }

    [Fact]
    public void NetlinkStructs()
    {
        Size<SockaddrNl>("sockaddr_nl");
        Offset<SockaddrNl>("sockaddr_nl", "nl_pid", nameof(SockaddrNl.Pid));
        Offset<SockaddrNl>("sockaddr_nl", "nl_groups", nameof(SockaddrNl.Groups));
        Size<NlMsgHdr>("nlmsghdr");
        Offset<NlMsgHdr>("nlmsghdr", "nlmsg_type", nameof(NlMsgHdr.Type));
        Offset<NlMsgHdr>("nlmsghdr", "nlmsg_flags", nameof(NlMsgHdr.Flags));
        Offset<NlMsgHdr>("nlmsghdr", "nlmsg_seq", nameof(NlMsgHdr.Sequence));
        Offset<NlMsgHdr>("nlmsghdr", "nlmsg_pid", nameof(NlMsgHdr.Pid));
        Size<IfInfoMsg>("ifinfomsg");
        Offset<IfInfoMsg>("ifinfomsg", "ifi_type", nameof(IfInfoMsg.Type));
        Offset<IfInfoMsg>("ifinfomsg", "ifi_index", nameof(IfInfoMsg.Index));
        Offset<IfInfoMsg>("ifinfomsg", "ifi_flags", nameof(IfInfoMsg.Flags));
        Offset<IfInfoMsg>("ifinfomsg", "ifi_change", nameof(IfInfoMsg.Change));
        Size<IfAddrMsg>("ifaddrmsg");
        Offset<IfAddrMsg>("ifaddrmsg", "ifa_index", nameof(IfAddrMsg.Index));
        Size<RtAttr>("rtattr");
        Offset<RtAttr>("rtattr", "rta_type", nameof(RtAttr.Type));
    }

    [Fact]
    public void EthtoolStructs()
    {
        Size<EthtoolCmd>("ethtool_cmd");
        Offset<EthtoolCmd>("ethtool_cmd", "speed", nameof(EthtoolCmd.Speed));
        Offset<EthtoolCmd>("ethtool_cmd", "duplex", nameof(EthtoolCmd.Duplex));
        Offset<EthtoolCmd>("ethtool_cmd", "speed_hi", nameof(EthtoolCmd.SpeedHi));
        Offset<EthtoolCmd>("ethtool_cmd", "lp_advertising", nameof(EthtoolCmd.LpAdvertising));
        Size<EthtoolLinkSettings>("ethtool_link_settings");
        Offset<EthtoolLinkSettings>("ethtool_link_settings", "speed", nameof(EthtoolLinkSettings.Speed));
        Offset<EthtoolLinkSettings>("ethtool_link_settings", "duplex", nameof(EthtoolLinkSettings.Duplex));
        Offset<EthtoolLinkSettings>("ethtool_link_settings", "link_mode_masks_nwords", nameof(EthtoolLinkSettings.LinkModeMasksNwords));
        Size<EthtoolDrvInfo>("ethtool_drvinfo");
        Offset<EthtoolDrvInfo>("ethtool_drvinfo", "driver", nameof(EthtoolDrvInfo.Driver));
        Offset<EthtoolDrvInfo>("ethtool_drvinfo", "bus_info", nameof(EthtoolDrvInfo.BusInfo));
        Offset<EthtoolDrvInfo>("ethtool_drvinfo", "n_priv_flags", nameof(EthtoolDrvInfo.NPrivFlags));
        Offset<EthtoolDrvInfo>("ethtool_drvinfo", "regdump_len", nameof(EthtoolDrvInfo.RegdumpLen));
        Size<EthtoolValue>("ethtool_value");
        Offset<EthtoolValue>("ethtool_value", "data", nameof(EthtoolValue.Data));
    }

    [Fact]
    public void FilterAndAuxdataStructs()
    {
        Size<SockFilter>("sock_filter");
        Offset<SockFilter>("sock_filter", "jt", nameof(SockFilter.JumpTrue));
        Offset<SockFilter>("sock_filter", "jf", nameof(SockFilter.JumpFalse));
        Offset<SockFilter>("sock_filter", "k", nameof(SockFilter.K));
        Size<SockFprog>("sock_fprog");
        Offset<SockFprog>("sock_fprog", "filter", nameof(SockFprog.Filter));
        Size<TpacketAuxdata>("tpacket_auxdata");
        Offset<TpacketAuxdata>("tpacket_auxdata", "tp_len", nameof(TpacketAuxdata.Length));
        Offset<TpacketAuxdata>("tpacket_auxdata", "tp_mac", nameof(TpacketAuxdata.Mac));
        Offset<TpacketAuxdata>("tpacket_auxdata", "tp_vlan_tci", nameof(TpacketAuxdata.VlanTci));
        Offset<TpacketAuxdata>("tpacket_auxdata", "tp_vlan_tpid", nameof(TpacketAuxdata.VlanTpid));
        Size<CmsgHdr>("cmsghdr");
        Offset<CmsgHdr>("cmsghdr", "cmsg_level", nameof(CmsgHdr.Level));
        Offset<CmsgHdr>("cmsghdr", "cmsg_type", nameof(CmsgHdr.Type));
    }
}

using System.Net;
using System.Text;
using NetTeam.Control.Protocol;
using NetTeam.DataPlane.Conformance;
using NetTeam.Device.Frames;
using NetTeam.Interop;
using NetTeam.Runners.Lacp;

namespace NetTeam.Fuzz;

/// <summary>
/// <c>netteam-fuzz write-corpus</c>: the seed corpus of every target, from real inputs where the repository
/// has them (tests/fixtures: teamd 1.31's configs and config dumps, the libteam example configs, the LACPDU
/// captures, the bonding interfaces files, the state dumps teamd replied with) and otherwise from NetTeam's
/// own encoders (usock requests, ARP and NS/NA answers, the conformance table's frames).
/// </summary>
internal static class SeedCorpus
{
    public static void Write(string repository)
    {
        string fixtures = Path.Combine(repository, "tests", "fixtures");
        string teamd = Path.Combine(fixtures, "teamd");
        Put("config", Directory.GetFiles(teamd, "*.conf", SearchOption.AllDirectories).Concat(Directory.GetFiles(teamd, "config_dump.json", SearchOption.AllDirectories))
            .Select(f => (Name(teamd, f), File.ReadAllBytes(f))));
        Put("bond-ifupdown", Directory.GetFiles(Path.Combine(fixtures, "bonding"), "interfaces*").Select(f => (Path.GetFileName(f), File.ReadAllBytes(f))));
        Put("bond-modopts", Texts(
            "mode=802.3ad miimon=100 lacp_rate=1 lacp_active=off ad_select=count min_links=2 ad_actor_sys_prio=100 ad_user_port_key=5",
            "mode=active-backup arp_interval=200 arp_ip_target=10.0.0.1,10.0.0.2 arp_validate=all arp_all_targets=all",
            "mode=1 primary=eth1 primary_reselect=better fail_over_mac=active num_grat_arp=5 resend_igmp=2 updelay=250 downdelay=100 miimon=100",
            "mode=balance-xor xmit_hash_policy=layer3+4 miimon=100",
            "mode=0 packets_per_slave=0",
            "mode=5 tlb_dynamic_lb=0 xmit_hash_policy=layer2+3",
            "mode=1 queue_id=eth1:2 queue_id=eth0:1 arp_interval=100 arp_ip_target=+10.0.0.1 arp_ip_target=-10.0.0.1 arp_missed_max=5"));
        Put("bond-iplink", Texts(
            "mode 802.3ad miimon 100 xmit_hash_policy layer3+4 lacp_rate fast ad_select bandwidth",
            "ip link add bond0 address 02:00:00:00:00:01 type bond mode active-backup miimon 100 primary eth1",
            "mode 1 arp_interval 100 arp_ip_target 10.0.0.1,10.0.0.9 arp_validate active",
            "link add bond1 type bond mode balance-rr updelay 200 miimon 100 peer_notify_delay 200 clear_active_slave"));
        byte[][] requests =
        [
            UsockCodec.EncodeRequest(ControlMethodNames.StateDump),
            UsockCodec.EncodeRequest(ControlMethodNames.ConfigDump),
            UsockCodec.EncodeRequest(ControlMethodNames.PortAdd, "eth0"),
            UsockCodec.EncodeRequest(ControlMethodNames.PortConfigUpdate, "eth0", "{\"prio\": 10,\n\"sticky\": true}"),
            UsockCodec.EncodeRequest(ControlMethodNames.StateItemValueSet, "runner.active_port", "eth\\1"),
            UsockCodec.EncodeRequest(ControlMethodNames.StateItemValueGet, "ports.eth0.link.up"),
            Encoding.UTF8.GetBytes(UsockCodec.ReplySuccess + "\n{\"a\": 1}"),
            Encoding.UTF8.GetBytes(UsockCodec.ReplyError + "\nNoSuchDev\nNo such device.\n"),
            Encoding.UTF8.GetBytes(UsockCodec.Event + "\n{\"event\": \"port_added\"}"),
        ];
        Put("usock-codec", requests.Select((r, i) => ($"message-{i}", r)));
        Put("usock-server", requests.Take(6).Select((r, i) => ($"request-{i}", r)));
        Put("usock-client", UsockClientSeeds(teamd));
        List<(string, byte[])> slow = [.. PcapFrames(Path.Combine(teamd, "pcap")), ("marker-information", Marker(false)), ("marker-response", Marker(true))];
        Put("lacpdu", slow);
        Put("marker", slow);
        Put("lacp-port", slow);
        Put("arp-reply", ArpSeeds());
        Put("nsna-reply", NsnaSeeds());
        List<(string, byte[])> frames = [.. FrameCorpus.Base.Select((f, i) => ($"frame-{i}", f.Bytes))];
        foreach (string target in (string[])["tx-userspace", "tx-ebpf"])
        {
            // Octet 0 picks the team: 5 + 2k is loadbalance by hash with the conformance table's k-th fragment set.
            Put(target, frames.Select((f, i) => (f.Item1, (byte[])[(byte)(i < 5 ? i : 5 + (2 * i % 28)), (byte)i, .. f.Item2])));
        }
        foreach (string target in (string[])["rx-userspace", "rx-ebpf"])
        {
            Put(target, FrameCorpus.Receive.Concat(FrameCorpus.Base.Take(3)).Select((f, i) => ($"frame-{i}", (byte[])[(byte)i, (byte)i, .. f.Bytes])));
        }
    }

    private static IEnumerable<(string, byte[])> UsockClientSeeds(string teamd)
    {
        for (int call = 0; call < 5; call++)
        {
            foreach (string dump in Directory.GetFiles(teamd, "state_dump.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Take(call == 1 ? 20 : 1))
            {
                yield return ($"call{call}-{Name(teamd, dump)}", [(byte)call, .. Encoding.UTF8.GetBytes(UsockCodec.ReplySuccess + "\n"), .. File.ReadAllBytes(dump)]);
            }
        }
        yield return ("call2-ports", [2, .. Encoding.UTF8.GetBytes(UsockCodec.ReplySuccess + "\n[{\"ifindex\": 3, \"name\": \"eth0\", \"changed\": true, \"linkup\": true, \"speed\": 1000, \"duplex\": \"full\", \"removed\": false}]")]);
        yield return ("call3-options", [3, .. Encoding.UTF8.GetBytes(UsockCodec.ReplySuccess + "\n[{\"name\": \"mode\", \"changed\": false, \"type\": \"string\", \"value\": \"loadbalance\"}]")]);
        yield return ("call0-error", [0, .. Encoding.UTF8.GetBytes(UsockCodec.ReplyError + "\nNoSuchDev\nNo such device.\n")]);
    }

    /// <summary>The Slow Protocols frames of the captures (a few distinct ones of each), read as the LACP codec tests read them.</summary>
    private static IEnumerable<(string, byte[])> PcapFrames(string directory)
    {
        foreach (string file in Directory.GetFiles(directory, "*.pcap").Order(StringComparer.Ordinal))
        {
            HashSet<string> seen = [];
            List<byte[]> frames = Runners.Tests.Lacp.Pcap.Read(file);
            for (int n = 0; n < frames.Count; n++)
            {
                byte[] frame = frames[n];
                if (frame.Length > 14 && frame[12] == 0x88 && frame[13] == 0x09 && seen.Count < 4 && seen.Add(Convert.ToHexString(frame)))
                {
                    yield return ($"{Path.GetFileNameWithoutExtension(file)}-{n}", frame);
                }
            }
        }
    }

    private static byte[] Marker(bool response)
    {
        byte[] frame = new byte[SlowProtocols.FrameLength];
        MarkerPdu.Write(frame, MacAddress.Parse("0a:1a:c0:00:01:02"), response, 2, MacAddress.Parse("0a:1a:c0:00:00:01"), 0x01020304);
        return frame;
    }

    /// <summary>Answers the targets' watchers expect (192.0.2.2 probing 192.0.2.1), with each option octet.</summary>
    private static IEnumerable<(string, byte[])> ArpSeeds()
    {
        MacAddress port = MacAddress.Parse("02:00:00:00:00:10");
        byte[] reply = new ArpPacket(ArpPacket.Reply, MacAddress.Parse("0a:00:00:00:00:01"), IPAddress.Parse("192.0.2.1"), port, IPAddress.Parse("192.0.2.2")).ToFrame(port);
        byte[] probe = new ArpPacket(ArpPacket.Request, port, IPAddress.Parse("192.0.2.2"), default, IPAddress.Parse("192.0.2.1")).ToFrame(EthernetHeader.Broadcast);
        byte[] other = new ArpPacket(ArpPacket.Reply, MacAddress.Parse("0a:00:00:00:00:02"), IPAddress.Parse("192.0.2.9"), port, IPAddress.Parse("192.0.2.2")).ToFrame(port);
        return [("reply", [0, .. reply]), ("reply-validated", [1, .. reply]), ("reply-vlan", [7, .. reply]), ("own-probe-validated", [1, .. probe]), ("other-host-validated", [1, .. other])];
    }

    private static IEnumerable<(string, byte[])> NsnaSeeds()
    {
        IPAddress target = IPAddress.Parse("fe80::1");
        byte[] na = NeighborDiscovery.BuildUnsolicitedAdvertisement(MacAddress.Parse("0a:00:00:00:00:01"), target);
        byte[] ns = NeighborDiscovery.BuildSolicitation(MacAddress.Parse("02:00:00:00:00:10"), IPAddress.Parse("fe80::2"), target);
        return [("na", [0, .. na]), ("na-fix-checksum", [8, .. na]), ("ns", [0, .. ns]), ("na-vlan", [4, .. na])];
    }

    private static IEnumerable<(string, byte[])> Texts(params string[] lines) => lines.Select((l, i) => ($"seed-{i}", Encoding.UTF8.GetBytes(l)));

    private static string Name(string root, string file) => Path.GetRelativePath(root, file).Replace('/', '-');

    private static void Put(string target, IEnumerable<(string Name, byte[] Bytes)> seeds)
    {
        string dir = FuzzTargets.CorpusDirectory(target);
        Directory.CreateDirectory(dir);
        foreach ((string name, byte[] bytes) in seeds)
        {
            File.WriteAllBytes(Path.Combine(dir, name), bytes);
        }
    }
}

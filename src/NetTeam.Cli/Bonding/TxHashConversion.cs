using System.Text.Json.Nodes;

namespace NetTeam.Cli.Bonding;

/// <summary>
/// xmit_hash_policy (bonding.rst §2) as teamd's runner.tx_hash fragments (teamd.conf(5): eth = both MAC
/// addresses, vlan = the VLAN id, ipv4/ipv6 = both addresses, l4 = TCP, UDP and SCTP ports). The frames a
/// policy keeps together stay together; the hash values differ, and the notes say where the grouping does too.
/// </summary>
internal static class TxHashConversion
{
    public static JsonArray TxHash(BondSettings s, List<string> notes)
    {
        int policy = s.XmitHashPolicy ?? 0;
        (string[] Fragments, string? Note) pick = policy switch
        {
            0 => (["eth"], "approximation: bonding hashes the last byte of each MAC address and the EtherType, teamd's eth fragment both MAC addresses whole; traffic between two MAC addresses stays on one port (bonding may also split it by EtherType)"),
            1 => (["eth", "ipv4", "ipv6", "l4"], Layer34),
            2 => (["eth", "ipv4", "ipv6"], null),
            3 => (["eth", "ipv4", "ipv6"], Encap),
            4 => (["eth", "ipv4", "ipv6", "l4"], Layer34 + "; " + Encap),
            _ => (["vlan", "eth"], "approximation: bonding hashes the VLAN id and the source MAC address only, teamd's eth fragment the destination MAC address too, so traffic of one VLAN and source may use several ports"),
        };
        if (s.Option("xmit_hash_policy") is BondOption o)
        {
            if (pick.Note is string note)
            {
                notes.Add(o.Note(note));
            }
        }
        else
        {
            notes.Add("xmit_hash_policy not given: bonding's default, layer2, is tx_hash [\"eth\"] (teamd's own default is [\"eth\", \"ipv4\", \"ipv6\"])");
        }
        return [.. pick.Fragments.Select(f => (JsonNode)f)];
    }

    private const string Layer34 = "approximation: eth is in the list because bonding hashes traffic that is not IP by the MAC addresses; teamd hashes a datagram's first fragment with its ports and the later ones without, so one datagram's fragments may take different ports (bonding hashes every fragment without ports)";

    private const string Encap = "approximation: teamd hashes the outer headers; bonding's encap policies hash the inner headers of tunnelled traffic";
}

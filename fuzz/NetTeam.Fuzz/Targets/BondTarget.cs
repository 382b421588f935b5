using NetTeam.Cli.Bonding;
using NetTeam.Control.Client;
using NetTeam.Daemon.Config;

namespace NetTeam.Fuzz.Targets;

/// <summary>
/// netteamctl convert-bond's three input forms (src/NetTeam.Cli/Bonding): a refusal is a BondException and
/// nothing else, and a conversion is a teamd config that netteamd accepts.
/// </summary>
public sealed class BondTarget : FuzzTarget
{
    private readonly BondForm _form;
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"netteam-fuzz-{Environment.ProcessId}-{Guid.NewGuid():N}.interfaces");

    public BondTarget(BondForm form) => _form = form;

    public enum BondForm
    {
        ModuleOptions,
        IpLink,
        Ifupdown,
    }

    public override string Name => _form switch
    {
        BondForm.ModuleOptions => "bond-modopts",
        BondForm.IpLink => "bond-iplink",
        _ => "bond-ifupdown",
    };

    public override string Description => _form switch
    {
        BondForm.ModuleOptions => "convert-bond's module options (mode=4 miimon=100 ...): BondException only, output is a valid config",
        BondForm.IpLink => "convert-bond's ip-link arguments (type bond mode 802.3ad ...): BondException only, output is a valid config",
        _ => "convert-bond --ifupdown's interfaces(5) stanzas: BondException only, output is a valid config",
    };

    public override IReadOnlyList<byte[]> Tokens { get; } = Words(
        "mode", "miimon", "arp_interval", "arp_ip_target", "primary", "xmit_hash_policy", "lacp_rate", "ad_select", "updelay",
        "downdelay", "fail_over_mac", "num_grat_arp", "min_links", "arp_validate", "all_slaves_active", "use_carrier",
        "802.3ad", "active-backup", "balance-rr", "balance-xor", "broadcast", "balance-tlb", "balance-alb", "layer3+4", "layer2+3",
        "encap3+4", "fast", "slow", "stable", "bandwidth", "count", "follow", "active", "=", ",", "type", "bond", "link", "add",
        "iface", "inet", "manual", "auto", "bond-slaves", "bond-mode", "bond-miimon", "bond-master", "bond-primary", "hwaddress",
        "ether", "none", "\\\n", "#", "192.0.2.1", "02:00:00:00:00:01", "eth0", "eth1", "bond0", "4", "-1", "4294967296");

    public override string Run(ReadOnlySpan<byte> input)
    {
        BondConversion conversion;
        try
        {
            conversion = BondConverter.Convert(Read(input));
        }
        catch (BondException ex)
        {
            ContractViolation.That(ex.Message.Length > 0, "a BondException without a message");
            return Label("refused", ex.Message);
        }
        string printed = StateView.FormatJson(conversion.Config, false);
        try
        {
            TeamdConfig.Parse(printed);
        }
        catch (ConfigException ex)
        {
            throw new ContractViolation($"convert-bond printed a config netteamd refuses: {ex.Message}\n{printed}");
        }
        return "ok:" + string.Join(',', conversion.Config.Select(p => p.Key).Order(StringComparer.Ordinal)) + ":" + conversion.Notes.Count;
    }

    private BondInput Read(ReadOnlySpan<byte> input)
    {
        if (_form == BondForm.Ifupdown)
        {
            File.WriteAllBytes(_file, input.ToArray());
            return IfupdownStanzaReader.Read(_file, null);
        }
        string[] words = Text(input).Split([' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries);
        return _form == BondForm.ModuleOptions ? ModuleOptionsParser.Parse(words) : IpLinkArgumentsParser.Parse(words);
    }

    protected override void Dispose(bool disposing) => File.Delete(_file);
}

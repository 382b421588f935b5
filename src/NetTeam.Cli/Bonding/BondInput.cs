namespace NetTeam.Cli.Bonding;

/// <summary>
/// A bond as one of the three forms describes it (module options, ip link arguments, an ifupdown stanza): its
/// options in the order given, and what the form itself names: the bond's device, its ports (slaves), its MAC
/// address, and notes about what the form held that is no bonding option.
/// </summary>
internal sealed record BondInput(IReadOnlyList<BondOption> Options)
{
    public string? Device { get; init; }

    public IReadOnlyList<string> Ports { get; init; } = [];

    public string? Hwaddr { get; init; }

    public IReadOnlyList<string> Notes { get; init; } = [];
}

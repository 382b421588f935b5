using System.Text.Json.Nodes;

namespace NetTeam.Cli.Bonding;

/// <summary>A converted bond: the teamd config (teamd.conf(5)) and a note for every option that has no exact teamd equivalent.</summary>
internal sealed record BondConversion(JsonObject Config, IReadOnlyList<string> Notes);

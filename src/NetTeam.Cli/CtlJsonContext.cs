using System.Text.Json.Serialization;
using NetTeam.Control.Client;

namespace NetTeam.Cli;

/// <summary>
/// The -j output of teamnl's commands, generated at build time: netteamctl is published as Native AOT, where
/// reflection-based serialization is not available. Snake case, as the output has always been.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(TeamOptionStatus))]
[JsonSerializable(typeof(IReadOnlyList<TeamOptionStatus>))]
[JsonSerializable(typeof(IReadOnlyList<TeamPortStatus>))]
internal sealed partial class CtlJsonContext : JsonSerializerContext;

using System.Text.Json.Nodes;
using NetTeam.Control.Client;

namespace NetTeam.Cli.Top;

/// <summary>
/// What top reads from the daemon once a second, through read-only calls only: the counters (Statistics),
/// the state dump (StateDump) and the option instances (OptionsGet, for each port's <c>enabled</c>).
/// <paramref name="At"/> is monotonic time, for rates; <paramref name="Time"/> the wall clock, for display.
/// </summary>
internal sealed record TopSample(TimeSpan At, DateTimeOffset Time, JsonObject State, JsonObject Statistics, IReadOnlyList<TeamOptionStatus> Options)
{
    public static TopSample Take(TeamdClient client, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(clock);
        // The counters first and the time right after them: the rates divide by the time between two reads of them.
        JsonObject statistics = client.GetStatistics();
        TimeSpan at = clock.GetElapsedTime(0);
        DateTimeOffset time = clock.GetLocalNow();
        return new(at, time, client.GetStateDump(), statistics, client.GetOptions());
    }

    /// <summary>The active port (<c>runner.active_port</c>, activebackup's); empty when there is none, null when the runner has no such value.</summary>
    public string? ActivePort => State["runner"]?["active_port"] is JsonValue v && v.TryGetValue(out string? name) ? name : null;
}

using System.Text.Json.Nodes;

namespace NetTeam.Runners.Host;

/// <summary>
/// What a runner keeps for the daemon that comes after this one (a restart after a crash, a handover): the
/// policy state that must survive so the team's neighbours see no change, such as activebackup's active port
/// and lacp's partners. Values are small JSON nodes by key; the daemon writes them where a successor finds
/// them, and forgets them on a clean stop. A fresh start recalls nothing.
/// </summary>
public interface IRunnerMemory
{
    /// <summary>What a predecessor (or this runner) remembered under <paramref name="key"/>, or null.</summary>
    JsonNode? Recall(string key);

    /// <summary>Keeps <paramref name="value"/> under <paramref name="key"/> (null forgets it).</summary>
    void Remember(string key, JsonNode? value);
}

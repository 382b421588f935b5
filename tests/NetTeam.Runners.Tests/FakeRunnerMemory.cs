using System.Text.Json.Nodes;
using NetTeam.Runners.Host;

namespace NetTeam.Runners.Tests;

/// <summary>Runner memory in a dictionary: what a runner remembered, for a later harness to recall.</summary>
internal sealed class FakeRunnerMemory : IRunnerMemory
{
    public Dictionary<string, JsonNode> Values { get; } = [];

    public JsonNode? Recall(string key) => Values.GetValueOrDefault(key)?.DeepClone();

    public void Remember(string key, JsonNode? value)
    {
        if (value is null)
        {
            Values.Remove(key);
        }
        else
        {
            Values[key] = value.DeepClone();
        }
    }
}

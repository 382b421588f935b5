using System.Text.Json;
using System.Text.Json.Nodes;
using NetTeam.Runners.Host;

namespace NetTeam.Daemon;

/// <summary>
/// The runner's memory in a file of its own (/run/netteam/memory/TEAM.json): written whole (to a temporary
/// file, then renamed) whenever a value changes, so a daemon killed at any moment leaves the last complete
/// version for the next one. Forgotten on a clean stop, ignored by a start that takes nothing over.
/// </summary>
internal sealed class RunnerMemoryFile : IRunnerMemory
{
    public const string DefaultDirectory = "/run/netteam/memory";

    private readonly string _path;
    private readonly JsonObject _values;

    private RunnerMemoryFile(string path, JsonObject values)
    {
        _path = path;
        _values = values;
    }

    /// <summary>An empty memory that reads and removes nothing yet (before the team exists).</summary>
    public static RunnerMemoryFile Unopened(string team, string directory = DefaultDirectory) => new(Path.Combine(directory, team + ".json"), []);

    /// <summary>The memory of <paramref name="team"/>: what a predecessor left when <paramref name="resume"/>, else empty.</summary>
    public static RunnerMemoryFile Open(string team, bool resume, string directory = DefaultDirectory)
    {
        string path = Path.Combine(directory, team + ".json");
        JsonObject values = [];
        if (resume)
        {
            try
            {
                values = JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? [];
            }
            catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException)
            {
                // Nothing left, or a file from another version: resume from nothing.
            }
        }
        RunnerMemoryFile memory = new(path, values);
        if (!resume)
        {
            memory.Forget();
        }
        return memory;
    }

    public JsonNode? Recall(string key) => _values[key]?.DeepClone();

    public void Remember(string key, JsonNode? value)
    {
        if (JsonNode.DeepEquals(_values[key], value))
        {
            return;
        }
        if (value is null)
        {
            _values.Remove(key);
        }
        else
        {
            _values[key] = value.DeepClone();
        }
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        string temporary = _path + ".new";
        File.WriteAllText(temporary, _values.ToJsonString());
        File.Move(temporary, _path, overwrite: true);
    }

    /// <summary>A clean stop: the team is gone, nothing is left to resume.</summary>
    public void Forget()
    {
        _values.Clear();
        try
        {
            File.Delete(_path);
        }
        catch (IOException)
        {
        }
    }
}

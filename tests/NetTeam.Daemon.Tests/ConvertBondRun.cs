using System.Text.Json.Nodes;
using NetTeam.Cli;

namespace NetTeam.Daemon.Tests;

/// <summary>Runs `netteamctl convert-bond` in process, as the command line would, and compares its JSON as JSON.</summary>
internal static class ConvertBondRun
{
    public static (int Code, string Stdout, string Stderr) Run(params string[] args)
    {
        StringWriter stdout = new();
        StringWriter stderr = new();
        int code = Ctl.Run(["convert-bond", .. args], stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>The words of <paramref name="line"/> as separate arguments, as a shell would split them.</summary>
    public static (int Code, string Stdout, string Stderr) RunLine(string line) => Run(line.Split(' ', StringSplitOptions.RemoveEmptyEntries));

    /// <summary>The JSON printed for <paramref name="line"/>; every stderr line must be a "# " note.</summary>
    public static JsonNode Json(string line)
    {
        var r = RunLine(line);
        Assert.True(r.Code == 0, $"exit {r.Code}: {r.Stderr}");
        AssertNotes(r.Stderr);
        return JsonNode.Parse(r.Stdout)!;
    }

    public static void AssertNotes(string stderr) =>
        Assert.All(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => Assert.StartsWith("# ", l, StringComparison.Ordinal));

    /// <summary>Compares as JSON; <paramref name="expected"/> may quote with ' for readability.</summary>
    public static void AssertJson(string expected, JsonNode actual)
    {
        JsonNode want = JsonNode.Parse(expected.Replace('\'', '"'))!;
        Assert.True(JsonNode.DeepEquals(want, actual), $"expected {want.ToJsonString()}\n  actual {actual.ToJsonString()}");
    }

    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "fixtures", "bonding", name);
}

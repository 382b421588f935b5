using System.Globalization;
using NetTeam.Runners.Config;

namespace NetTeam.Daemon.Config;

/// <summary>
/// <c>netteamd --check-config</c>: checks a config as a start would, touching nothing (no TAP, no socket, no
/// netlink), and prints every problem at once, each naming the key's path, the value and what was expected.
/// Exit 0 when the config would load (warnings alone are printed but do not fail it, unless <c>--strict</c>
/// makes them errors), 1 when it would be refused.
/// </summary>
internal static class ConfigCheckCommand
{
    /// <summary>Checks <paramref name="json"/>; <paramref name="source"/> (the file, or "-c") starts every line.</summary>
    public static int Run(string json, string source, string? deviceOverride, bool strict, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        ConfigProblems problems = TeamdConfig.Check(json, deviceOverride, strict);
        foreach (ConfigProblem p in problems.All)
        {
            stderr.WriteLine($"{source}: {p}");
        }
        int errors = problems.Errors.Count();
        int warnings = problems.Warnings.Count();
        if (errors > 0)
        {
            stderr.WriteLine($"{source}: {Count(errors, "error")}{(warnings > 0 ? ", " + Count(warnings, "warning") : string.Empty)}; the config would be refused");
            return 1;
        }
        stdout.WriteLine($"{source}: OK{(warnings > 0 ? ", " + Count(warnings, "warning") : string.Empty)}");
        return 0;
    }

    private static string Count(int n, string what) => string.Create(CultureInfo.InvariantCulture, $"{n} {what}{(n == 1 ? string.Empty : "s")}");
}

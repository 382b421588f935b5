using System.Reflection;

namespace NetTeam.Control;

/// <summary>
/// The version NetTeam's programs report: the build's &lt;Version&gt; (Directory.Build.props), which every
/// assembly of the build carries, so netteamd, netteamctl and the state dump cannot disagree.
/// </summary>
public static class NetTeamVersion
{
    /// <summary>The version without the source revision the SDK appends after '+'.</summary>
    public static string Text { get; } = Read();

    private static string Read()
    {
        // An attribute read, not Assembly.Location or a file: it works the same in the Native AOT binaries.
        string? informational = typeof(NetTeamVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        if (string.IsNullOrEmpty(informational))
        {
            return typeof(NetTeamVersion).Assembly.GetName().Version?.ToString(3) ?? "unknown";
        }
        int plus = informational.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? informational : informational[..plus];
    }
}

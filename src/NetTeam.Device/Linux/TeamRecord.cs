using System.Globalization;

namespace NetTeam.Device.Linux;

/// <summary>
/// A file saying that a persistent team interface is NetTeam's (/run/netteam/teams/NETNS-TEAM, beside the
/// port locks): written when the TAP is made persistent, removed when a clean stop removes the TAP. A daemon
/// that finds a TAP of its team's name takes it over only when the record (or the team's pins or port locks)
/// says a NetTeam daemon left it, so a stranger's TAP of the same name is never taken.
/// </summary>
internal static class TeamRecord
{
    public static string PathOf(string lockDirectory, ulong netnsInode, string team) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(lockDirectory))!, "teams", $"{netnsInode.ToString(CultureInfo.InvariantCulture)}-{team}");

    public static bool Exists(string lockDirectory, ulong netnsInode, string team) => File.Exists(PathOf(lockDirectory, netnsInode, team));

    public static void Write(string lockDirectory, ulong netnsInode, string team)
    {
        string path = PathOf(lockDirectory, netnsInode, team);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n");
    }

    public static void Remove(string lockDirectory, ulong netnsInode, string team)
    {
        try
        {
            File.Delete(PathOf(lockDirectory, netnsInode, team));
        }
        catch (IOException)
        {
        }
    }
}

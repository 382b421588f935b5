using System.Text.Json;
using NetTeam.Device.Backends;
using NetTeam.Device.Ports;

namespace NetTeam.Device.Linux;

/// <summary>
/// The cross-process lock on a port: /run/netteam/ports/NETNS-IFINDEX.lock held with flock (what .NET's
/// FileShare.None takes on Unix), so two NetTeam processes never share a port (design.md). A sibling
/// .json file names the holder and records the saved settings, for recovery after a crash.
/// </summary>
internal sealed class PortLockFile : IPortLease
{
    public const string DefaultDirectory = "/run/netteam/ports";

    private readonly FileStream _lock;
    private readonly string _infoPath;

    private PortLockFile(FileStream fileLock, string infoPath)
    {
        _lock = fileLock;
        _infoPath = infoPath;
    }

    public static bool TryAcquire(string directory, ulong netnsInode, int ifIndex, string teamName, out PortLockFile? lease, out string? holder)
    {
        Directory.CreateDirectory(directory);
        string basePath = Path.Combine(directory, $"{netnsInode}-{ifIndex}");
        string infoPath = basePath + ".json";
        try
        {
            FileStream fs = new(basePath + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            lease = new PortLockFile(fs, infoPath);
            holder = null;
            File.WriteAllText(infoPath, JsonSerializer.Serialize(new LockInfo(teamName, Environment.ProcessId, null)));
            return true;
        }
        catch (IOException)
        {
            lease = null;
            holder = ReadHolder(infoPath);
            return false;
        }
    }

    private static string? ReadHolder(string infoPath)
    {
        try
        {
            LockInfo? info = JsonSerializer.Deserialize<LockInfo>(File.ReadAllText(infoPath));
            return info is null ? null : $"team {info.Team} (pid {info.Pid})";
        }
        catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public void Record(PortSavedSettings saved)
    {
        LockInfo info = new(null, Environment.ProcessId, saved);
        try
        {
            LockInfo? old = JsonSerializer.Deserialize<LockInfo>(File.ReadAllText(_infoPath));
            info = info with { Team = old?.Team };
        }
        catch (Exception ex) when (ex is IOException or JsonException)
        {
        }
        File.WriteAllText(_infoPath, JsonSerializer.Serialize(info));
    }

    public void Dispose()
    {
        try
        {
            File.Delete(_infoPath);
        }
        catch (IOException)
        {
        }
        _lock.Dispose();
    }

    private sealed record LockInfo(string? Team, int Pid, PortSavedSettings? Saved);
}

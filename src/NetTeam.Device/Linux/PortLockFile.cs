using System.Diagnostics;
using System.Text.Json;
using NetTeam.Device.Backends;
using NetTeam.Device.Ports;
using NetTeam.Interop;

namespace NetTeam.Device.Linux;

/// <summary>
/// The cross-process lock on a port: /run/netteam/ports/NETNS-IFINDEX.lock held with flock (what .NET's
/// FileShare.None takes on Unix), so two NetTeam processes never share a port (design.md). A sibling
/// .json file names the holder and records the port's saved settings: a process that takes the port after
/// its holder was killed (-9) restores the port to those, not to what the dead process left on it.
/// </summary>
internal sealed class PortLockFile : IPortLease
{
    public const string DefaultDirectory = "/run/netteam/ports";

    private readonly FileStream _lock;
    private readonly string _infoPath;
    private readonly string _lockPath;
    private readonly string _team;

    private PortLockFile(FileStream fileLock, string lockPath, string infoPath, string team, PortSavedSettings? recovered)
    {
        _lock = fileLock;
        _lockPath = lockPath;
        _infoPath = infoPath;
        _team = team;
        Recovered = recovered;
    }

    public PortSavedSettings? Recovered { get; }

    public static bool TryAcquire(string directory, ulong netnsInode, int ifIndex, string teamName, out PortLockFile? lease, out string? holder)
    {
        Directory.CreateDirectory(directory);
        string basePath = Path.Combine(directory, $"{netnsInode}-{ifIndex}");
        string infoPath = basePath + ".json";
        FileStream fs;
        try
        {
            fs = new(basePath + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            lease = null;
            holder = ReadInfo(infoPath) is LockInfo info ? $"team {info.Team} (pid {info.Pid})" : null;
            return false;
        }
        // We hold the lock, so whoever wrote the info file is gone: its saved settings are left to recover.
        LockInfo? stale = ReadInfo(infoPath);
        PortSavedSettings? recovered = stale?.Saved is SavedDto dto && !IsAlive(stale.Pid) ? dto.ToSettings() : null;
        lease = new PortLockFile(fs, basePath + ".lock", infoPath, teamName, recovered);
        holder = null;
        lease.Write(null);
        return true;
    }

    /// <summary>Whether a lock's record in <paramref name="directory"/> names <paramref name="team"/> in the namespace: a team a daemon left behind.</summary>
    public static bool NamesTeam(string directory, ulong netnsInode, string team)
    {
        if (!Directory.Exists(directory))
        {
            return false;
        }
        string prefix = $"{netnsInode}-";
        return Directory.EnumerateFiles(directory, prefix + "*.json").Any(f => ReadInfo(f)?.Team == team);
    }

    /// <summary>The ports whose records name <paramref name="team"/> in the namespace and whose holder is gone.</summary>
    public static IReadOnlyList<string> PortsLeftBy(string directory, ulong netnsInode, string team)
    {
        if (!Directory.Exists(directory))
        {
            return [];
        }
        return [.. Directory.EnumerateFiles(directory, $"{netnsInode}-*.json")
            .Select(ReadInfo)
            .Where(i => i is { Saved: not null } && i.Team == team && !IsAlive(i.Pid))
            .Select(i => i!.Saved!.Name)];
    }

    private static bool IsAlive(int pid) => pid != Environment.ProcessId && ProcessLiveness.IsRunning(pid);

    private static LockInfo? ReadInfo(string infoPath)
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(infoPath), PortLockJsonContext.Default.LockInfo);
        }
        catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public void Record(PortSavedSettings saved) => Write(SavedDto.From(saved));

    private void Write(SavedDto? saved) =>
        File.WriteAllText(_infoPath, JsonSerializer.Serialize(new LockInfo(_team, Environment.ProcessId, saved), PortLockJsonContext.Default.LockInfo));

    public void Abandon() => _lock.Dispose();

    /// <summary>
    /// The port left the team, restored: its record and its lock file go (unlinked while still locked, so no
    /// empty lock files pile up in the directory), then the lock is released.
    /// </summary>
    public void Dispose()
    {
        try
        {
            File.Delete(_infoPath);
            File.Delete(_lockPath);
        }
        catch (IOException)
        {
        }
        _lock.Dispose();
    }

    internal sealed record LockInfo(string? Team, int Pid, SavedDto? Saved);

    /// <summary>The saved settings in a JSON-friendly shape (the MAC as text).</summary>
    internal sealed record SavedDto(string Name, int IfIndex, int Mtu, string Address, bool AdminUp, bool Promiscuous, bool AllMulticast, bool NoArp, bool? Ipv6Disabled, int? RpFilter)
    {
        public static SavedDto From(PortSavedSettings s) =>
            new(s.Name, s.IfIndex, s.Mtu, s.Address.ToString(), s.AdminUp, s.Promiscuous, s.AllMulticast, s.NoArp, s.Ipv6Disabled, s.RpFilter);

        public PortSavedSettings ToSettings() =>
            new(Name, IfIndex, Mtu, MacAddress.Parse(Address), AdminUp, Promiscuous, AllMulticast, NoArp, Ipv6Disabled, RpFilter);
    }
}

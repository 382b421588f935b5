using System.Runtime.InteropServices;

namespace NetTeam.Device.DataPlane.Ebpf;

/// <summary>
/// The value of the one-entry <c>meta</c> map: what a restarted daemon checks before it takes pinned maps
/// over (ebpf-dataplane.md §4), so that a daemon of another layout creates fresh maps instead.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public readonly record struct TeamMapsMeta(uint LayoutVersion, uint MaxPorts, uint HashBuckets, uint SnapshotSize)
{
    public static TeamMapsMeta Current { get; } = new(TeamMaps.LayoutVersion, TeamSnapshot.MaxPorts, TeamSnapshot.HashBuckets, TeamSnapshotData.Size);
}

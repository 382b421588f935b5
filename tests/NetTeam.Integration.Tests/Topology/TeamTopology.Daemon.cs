namespace NetTeam.Integration.Tests.Topology;

internal sealed partial class TeamTopology
{
    /// <summary>A netteamd in <paramref name="ns"/> (A by default) on this topology's data plane.</summary>
    public DaemonProcess StartDaemon(string team, string workDir, string[] args, TestNamespace? ns = null, IReadOnlyDictionary<string, string>? environment = null) =>
        DaemonProcess.StartWith(ns ?? A, team, workDir, environment, ["--data-plane", Plane, .. args]);
}

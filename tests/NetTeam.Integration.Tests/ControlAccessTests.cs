using System.Globalization;
using NetTeam.Control.Server;
using NetTeam.Integration.Tests.Topology;

namespace NetTeam.Integration.Tests;

/// <summary>The control socket is root's: a client under another user is refused, and the daemon goes on.</summary>
public class ControlAccessTests
{
    private static string TeamName() => "nt" + Convert.ToHexString(Guid.NewGuid().ToByteArray().AsSpan(0, 4)).ToLowerInvariant();

    /// <summary>nobody, with no supplementary groups (setpriv(1)).</summary>
    private static readonly string[] s_asNobody = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"];

    [Fact]
    public void AClientThatIsNotRootIsRefusedWithPermissionDeniedAndTheDaemonIsUnaffected()
    {
        using TeamTopology topo = new(plane: "userspace");
        string team = TeamName();
        Directory.CreateDirectory(topo.LockDirectory);
        string conf = Path.Combine(topo.LockDirectory, "ab.conf");
        File.WriteAllText(conf, $$"""{"device": "{{team}}", "runner": {"name": "activebackup"}, "ports": {"{{topo.Ports[0]}}": {} } }""");
        using DaemonProcess d = topo.StartDaemon(team, topo.LockDirectory, ["-f", conf]);
        Assert.True(d.WaitReady(topo.A, TimeSpan.FromSeconds(30)), "netteamd did not start: " + d.Log);

        // teamd's modes: the directory 0755 (teamd_make_rundir), the socket 0700, both root's.
        string socket = Path.Combine(UsockServer.DefaultDirectory, team + ".sock");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(socket));
        Assert.Equal("0 0", Cmd.Run("stat", "-c", "%u %g", socket).Trim());
        Assert.Equal("755 0", Cmd.Run("stat", "-c", "%a %u", UsockServer.DefaultDirectory).Trim());

        string netteamctl = Path.Combine(AppContext.BaseDirectory, "netteamctl.dll");
        foreach (string[] command in (string[][])[[team, "state"], [team, "ports"], [team, "state", "item", "set", "runner.active_port", topo.Ports[0]]])
        {
            var refused = topo.A.TryExec([.. s_asNobody, "dotnet", netteamctl, .. command]);
            Assert.NotEqual(0, refused.Code);
            Assert.Contains("permission denied", refused.Stderr, StringComparison.Ordinal);
            Assert.Equal(string.Empty, refused.Stdout);
        }
        // teamd's own client is refused the same way (connect(2) fails with EACCES).
        var teamdctl = topo.A.TryExec([.. s_asNobody, "teamdctl", team, "state"]);
        Assert.NotEqual(0, teamdctl.Code);

        // The daemon did not notice: it answers root as itself, with its team as it was.
        Assert.False(d.HasExited, "netteamd ended: " + d.Log);
        Assert.Equal(d.Pid.ToString(CultureInfo.InvariantCulture), d.Teamdctl(topo.A, "state", "item", "get", "setup.pid").Stdout.Trim());
        Assert.Equal(topo.Ports[0], d.Teamdctl(topo.A, "state", "item", "get", "runner.active_port").Stdout.Trim());
    }
}

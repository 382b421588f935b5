using System.Globalization;

namespace NetTeam.Integration.Tests.Topology;

/// <summary>
/// Open vSwitch's userspace datapath as a test partner: ovsdb-server and ovs-vswitchd of our own, with their
/// database, sockets, logs and pid files in a temp directory, run inside the namespace that holds the bond
/// members (netdev-linux opens ports by name in its own namespace, teamd-spec §4.9) and stopped by pid.
/// No kernel module is needed with <c>datapath_type=netdev</c>.
/// </summary>
internal sealed class OvsSwitch : IDisposable
{
    private readonly TestNamespace _ns;

    private OvsSwitch(TestNamespace ns, string dir)
    {
        _ns = ns;
        Directory = dir;
    }

    public string Directory { get; }

    private string Db => "unix:" + Path.Combine(Directory, "db.sock");

    public static OvsSwitch Start(TestNamespace ns)
    {
        string dir = Path.Combine(Path.GetTempPath(), "ntt-ovs-" + Guid.NewGuid().ToString("N")[..8]);
        System.IO.Directory.CreateDirectory(dir);
        OvsSwitch ovs = new(ns, dir);
        try
        {
            Cmd.Run("ovsdb-tool", "create", Path.Combine(dir, "conf.db"), "/usr/share/openvswitch/vswitch.ovsschema");
            ovs.Daemon("ovsdb-server", Path.Combine(dir, "conf.db"), "--remote=punix:" + Path.Combine(dir, "db.sock"));
            ovs.Vsctl("--no-wait", "init");
            ovs.Daemon("ovs-vswitchd", ovs.Db);
        }
        catch
        {
            ovs.Dispose();
            throw;
        }
        return ovs;
    }

    private void Daemon(string program, params string[] args) => _ns.Exec([program, .. args,
        $"--pidfile={Path.Combine(Directory, program + ".pid")}", $"--unixctl={Path.Combine(Directory, program + ".ctl")}",
        $"--log-file={Path.Combine(Directory, program + ".log")}", "--detach", "--no-chdir"]);

    public string Vsctl(params string[] args) => Cmd.Run("ovs-vsctl", ["--db=" + Db, "--timeout=20", .. args]);

    public string Appctl(params string[] args) => Cmd.Try("ovs-appctl", ["-t", Path.Combine(Directory, "ovs-vswitchd.ctl"), .. args]).Stdout;

    public string Log => File.Exists(Path.Combine(Directory, "ovs-vswitchd.log")) ? File.ReadAllText(Path.Combine(Directory, "ovs-vswitchd.log")) : string.Empty;

    public void Dispose()
    {
        foreach (string program in new[] { "ovs-vswitchd", "ovsdb-server" })
        {
            string pidFile = Path.Combine(Directory, program + ".pid");
            if (File.Exists(pidFile) && int.TryParse(File.ReadAllText(pidFile).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int pid))
            {
                Cmd.Try("kill", "-TERM", pid.ToString(CultureInfo.InvariantCulture));
                TeamTopology.WaitFor(() => !System.IO.Directory.Exists($"/proc/{pid}"), TimeSpan.FromSeconds(5));
            }
        }
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

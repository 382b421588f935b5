using System.Diagnostics;
using NetTeam.Device;
using NetTeam.Integration.Tests.Topology;

namespace NetTeam.Integration.Tests;

/// <summary>Removal, disposal and every way the process can end restore each saved port setting.</summary>
public class RestoreTests
{
    private static void MakeUnusual(TeamTopology topo)
    {
        // Start from settings the team changes, so a missing restore shows: MTU, admin down on one port.
        topo.A.Ip("link", "set", topo.Ports[0], "mtu", "1400");
        topo.A.Ip("link", "set", topo.Ports[1], "up");
    }

    private static LinkSnapshot[] Take(TeamTopology topo) => [.. topo.Ports.Select(p => LinkSnapshot.Take(topo.A, p))];

    private static void AssertRestored(TeamTopology topo, LinkSnapshot[] before)
    {
        for (int i = 0; i < topo.Ports.Length; i++)
        {
            LinkSnapshot.AssertSame(before[i], LinkSnapshot.Take(topo.A, topo.Ports[i]), topo.Ports[i]);
        }
    }

    [Theory]
    [InlineData("userspace")]
    [InlineData("ebpf")]
    public void RemovingAPortRestoresItAndTheTeamChangedIt(string plane)
    {
        using TeamTopology topo = new(plane: plane);
        MakeUnusual(topo);
        LinkSnapshot[] before = Take(topo);
        TeamDevice team = topo.CreateTeam("roundrobin");
        LinkSnapshot during = LinkSnapshot.Take(topo.A, topo.Ports[0]);
        Assert.Equal(1500, during.Mtu);
        Assert.True(during.Up);
        // The userspace plane silences the port's own stack; on the eBPF plane the ingress program redirects
        // every frame before that stack sees it, so the port keeps its own ARP, IPv6 and rp_filter settings.
        bool silenced = plane == "userspace";
        Assert.Equal(silenced, during.NoArp);
        Assert.Equal(silenced ? "1" : before[0].Ipv6Disabled, during.Ipv6Disabled);
        Assert.Equal(silenced ? "1" : before[0].RpFilter, during.RpFilter);
        Assert.Equal(team.Address.ToString(), during.Address);

        team.RemovePort(topo.Ports[0]);
        team.RemovePort(topo.Ports[1]);
        AssertRestored(topo, before);
    }

    [Fact]
    public void DisposingTheTeamRestoresEveryPort()
    {
        using TeamTopology topo = new();
        MakeUnusual(topo);
        LinkSnapshot[] before = Take(topo);
        TeamDevice team = topo.CreateTeam("activebackup");
        team.SetPortAddress(topo.Ports[1], team.Address);
        topo.RemoveTeam(team);
        AssertRestored(topo, before);
        Assert.DoesNotContain("team0", topo.A.Ip("link", "show"));
    }

    [Theory]
    [InlineData("sigterm")]
    [InlineData("sigint")]
    [InlineData("crash")]
    public void AProcessThatEndsRestoresItsPorts(string how)
    {
        using TeamTopology topo = new();
        MakeUnusual(topo);
        LinkSnapshot[] before = Take(topo);
        string demo = Path.Combine(AppContext.BaseDirectory, "netteam-demo.dll");
        string output = Path.Combine(topo.LockDirectory, "holder.out");
        Directory.CreateDirectory(topo.LockDirectory);
        List<string> args = [demo, "hold", "--netns", topo.A.Name, "--mode", "loadbalance", "--mtu", "9000", "--ports", string.Join(',', topo.Ports), "--lock-dir", topo.LockDirectory];
        if (how == "crash")
        {
            args.AddRange(["--crash-after-ms", "3000"]);
        }
        // The holder writes to a file: its output must not depend on anyone reading a pipe. A test runner started
        // in the background without job control inherits SIGINT ignored, and an ignored signal stays ignored
        // across exec: reset it, or the sigint case would test nothing.
        ProcessStartInfo psi = new("sh") { ArgumentList = { "-c", "exec env --default-signal=INT dotnet \"$@\" > " + output + " 2>&1", "holder" } };
        args.ForEach(psi.ArgumentList.Add);
        using Process p = Process.Start(psi)!;
        try
        {
            Assert.True(TeamTopology.WaitFor(() => File.Exists(output) && File.ReadAllText(output).Contains("ready", StringComparison.Ordinal), TimeSpan.FromSeconds(30)),
                "the holder did not start: " + (File.Exists(output) ? File.ReadAllText(output) : "no output"));
            Assert.Equal(9000, LinkSnapshot.Take(topo.A, topo.Ports[0]).Mtu);
            if (how != "crash")
            {
                Cmd.Run("kill", how == "sigterm" ? "-TERM" : "-INT", p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            Assert.True(p.WaitForExit(20_000), "the holder did not exit: " + File.ReadAllText(output));
            Assert.Contains(how == "crash" ? "deliberate crash" : "stopped", File.ReadAllText(output));
        }
        finally
        {
            if (!p.HasExited)
            {
                p.Kill();
            }
        }
        AssertRestored(topo, before);
    }
}

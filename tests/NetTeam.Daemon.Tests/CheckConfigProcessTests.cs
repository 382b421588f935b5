using System.Diagnostics;

namespace NetTeam.Daemon.Tests;

/// <summary>
/// The built netteamd run with --check-config: it prints the problems and exits without touching anything, so it
/// needs no namespace: no interface, control socket or pid file appears for the team it names.
/// </summary>
public class CheckConfigProcessTests
{
    [Fact]
    public void NetteamdChecksAFileAndTouchesNothing()
    {
        string team = "ncc" + Guid.NewGuid().ToString("N")[..8];
        string file = Path.Combine(Path.GetTempPath(), $"netteam-check-{Guid.NewGuid():N}.conf");
        File.WriteAllText(file, "{\"device\": \"" + team + "\", \"runner\": {\"name\": \"activebackup\", \"hwaddr_polcy\": \"by_active\"}, \"ports\": {\"eth0\": {\"prio\": \"high\"}}}");
        try
        {
            (int code, string stdout, string stderr) = Netteamd("--check-config", "-f", file);
            Assert.Equal(1, code);
            Assert.Equal(string.Empty, stdout);
            Assert.Equal(
                $"{file}: warning: runner.hwaddr_polcy: unknown key; did you mean runner.hwaddr_policy?\n"
                + $"{file}: error: ports.eth0.prio: \"high\" is not an integer\n"
                + $"{file}: 1 error, 1 warning; the config would be refused\n",
                stderr);
            Assert.False(File.Exists($"/var/run/teamd/{team}.sock"));
            Assert.False(File.Exists($"/var/run/teamd/{team}.pid"));
            Assert.False(Directory.Exists($"/sys/class/net/{team}"));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void NetteamdAcceptsAWarningUnlessStrict()
    {
        const string Json = "{\"runner\": {\"name\": \"activebackup\", \"hwaddr_polcy\": \"by_active\"}}";
        (int code, string stdout, string stderr) = Netteamd("--check-config", "-c", Json);
        Assert.Equal(0, code);
        Assert.Equal("-c: OK, 1 warning\n", stdout);
        Assert.Equal("-c: warning: runner.hwaddr_polcy: unknown key; did you mean runner.hwaddr_policy?\n", stderr);
        (code, stdout, stderr) = Netteamd("--check-config", "--strict", "-c", Json);
        Assert.Equal(1, code);
        Assert.Equal(string.Empty, stdout);
        Assert.Equal("-c: error: runner.hwaddr_polcy: unknown key; did you mean runner.hwaddr_policy?\n-c: 1 error; the config would be refused\n", stderr);
    }

    [Fact]
    public void NetteamdPassesAGoodConfigAndAsksForOneWhenNoneIsGiven()
    {
        (int code, string stdout, _) = Netteamd("--check-config", "-f", TeamdFixtures.FullPath("example_configs", "lacp_1.conf"));
        Assert.Equal(0, code);
        Assert.Equal(TeamdFixtures.FullPath("example_configs", "lacp_1.conf") + ": OK\n", stdout);
        (code, _, string stderr) = Netteamd("--check-config");
        Assert.Equal(1, code);
        Assert.Equal("netteamd: --check-config needs a config: -f FILE or -c JSON\n", stderr);
    }

    private static (int Code, string Stdout, string Stderr) Netteamd(params string[] args)
    {
        ProcessStartInfo psi = new("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "netteamd.dll"));
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }
        using Process p = Process.Start(psi)!;
        Task<string> stdout = p.StandardOutput.ReadToEndAsync();
        Task<string> stderr = p.StandardError.ReadToEndAsync();
        Assert.True(p.WaitForExit(TimeSpan.FromSeconds(60)), "netteamd --check-config did not exit");
        return (p.ExitCode, stdout.Result, stderr.Result);
    }
}

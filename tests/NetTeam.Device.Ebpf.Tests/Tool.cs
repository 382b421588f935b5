using System.Diagnostics;

namespace NetTeam.Device.Ebpf.Tests;

/// <summary>Runs a command (no shell) with a deadline.</summary>
internal static class Tool
{
    public static (int Code, string Stdout, string Stderr) Try(string file, params string[] args)
    {
        ProcessStartInfo psi = new(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }
        using Process p = Process.Start(psi)!;
        Task<string> stdout = p.StandardOutput.ReadToEndAsync();
        Task<string> stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(60_000))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish within 60 s");
        }
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    public static string Run(string file, params string[] args)
    {
        (int code, string stdout, string stderr) = Try(file, args);
        Assert.True(code == 0, $"{file} {string.Join(' ', args)} exited {code}: {stderr.Trim()}");
        return stdout;
    }
}

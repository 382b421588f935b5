using System.Diagnostics;

namespace NetTeam.Integration.Tests.Topology;

/// <summary>Runs a command (no shell), with a deadline, and fails with its stderr.</summary>
internal static class Cmd
{
    public static string Run(string file, params string[] args) => RunCore(file, args, check: true).Stdout;

    public static (int Code, string Stdout, string Stderr) Try(string file, params string[] args) => RunCore(file, args, check: false);

    public static string Ip(params string[] args) => Run("ip", args);

    private static (int Code, string Stdout, string Stderr) RunCore(string file, string[] args, bool check)
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
        (int, string, string) result = (p.ExitCode, stdout.Result, stderr.Result);
        if (check && p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {p.ExitCode}: {stderr.Result.Trim()}");
        }
        return result;
    }
}

using System.Diagnostics;

namespace NetTeam.Control.Tests.Metrics;

/// <summary>Prometheus' own checker: `promtool check metrics` reads the text format on stdin and lints it (Debian's prometheus package; .ci/run installs it).</summary>
internal static class Promtool
{
    public static (int Code, string Output) CheckMetrics(string text)
    {
        ProcessStartInfo psi = new("promtool")
        {
            ArgumentList = { "check", "metrics" },
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using Process p = Process.Start(psi) ?? throw new InvalidOperationException("promtool did not start");
        Task<string> stdout = p.StandardOutput.ReadToEndAsync();
        Task<string> stderr = p.StandardError.ReadToEndAsync();
        p.StandardInput.Write(text);
        p.StandardInput.Close();
        if (!p.WaitForExit(30_000))
        {
            p.Kill();
            throw new TimeoutException("promtool check metrics did not finish within 30 s");
        }
        return (p.ExitCode, stdout.Result + stderr.Result);
    }
}

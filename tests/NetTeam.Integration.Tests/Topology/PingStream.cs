using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace NetTeam.Integration.Tests.Topology;

/// <summary>
/// A steady stream of pings from a test namespace, in the background, while the test kills or restarts a
/// daemon: how many of them were answered tells what an application on the team saw.
/// </summary>
internal sealed partial class PingStream : IDisposable
{
    private readonly Process _ping;

    private PingStream(Process ping) => _ping = ping;

    /// <summary><paramref name="count"/> pings <paramref name="interval"/> apart (ping -i; under 200 ms needs root, which the tests have).</summary>
    public static PingStream Start(TestNamespace ns, string to, int count, TimeSpan interval)
    {
        ProcessStartInfo psi = new("ip") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in new[] { "netns", "exec", ns.Name, "ping", "-q", "-c", count.ToString(CultureInfo.InvariantCulture),
            "-i", interval.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture), "-W", "1", to })
        {
            psi.ArgumentList.Add(a);
        }
        return new PingStream(Process.Start(psi)!);
    }

    /// <summary>Waits for the stream to end; returns pings sent and answered.</summary>
    public (int Sent, int Received) Finish(TimeSpan timeout)
    {
        if (!_ping.WaitForExit(timeout))
        {
            _ping.Kill();
            throw new TimeoutException("the ping stream did not end");
        }
        string output = _ping.StandardOutput.ReadToEnd();
        Match m = Summary().Match(output);
        return m.Success
            ? (int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture))
            : throw new InvalidOperationException("unexpected ping output: " + output + _ping.StandardError.ReadToEnd());
    }

    public void Dispose()
    {
        if (!_ping.HasExited)
        {
            _ping.Kill();
        }
        _ping.Dispose();
    }

    [GeneratedRegex(@"(\d+) packets transmitted, (\d+) received")]
    private static partial Regex Summary();
}

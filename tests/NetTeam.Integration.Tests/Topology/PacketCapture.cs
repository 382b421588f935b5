using System.Diagnostics;
using System.Globalization;

namespace NetTeam.Integration.Tests.Topology;

/// <summary>dumpcap (tshark's capture engine) capturing frames (Slow Protocols by default) on one interface of a namespace into a file; stopped by pid.</summary>
internal sealed class PacketCapture : IDisposable
{
    private readonly Process _process;

    private PacketCapture(Process process, string file)
    {
        _process = process;
        File = file;
    }

    public string File { get; }

    public static PacketCapture Start(TestNamespace ns, string device, string directory, string captureFilter = "ether proto 0x8809")
    {
        Directory.CreateDirectory(directory);
        string file = Path.Combine(directory, $"capture-{Guid.NewGuid():N}.pcapng");
        ProcessStartInfo psi = new("ip") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string a in new[] { "netns", "exec", ns.Name, "dumpcap", "-q", "-i", device, "-f", captureFilter, "-w", file })
        {
            psi.ArgumentList.Add(a);
        }
        Process p = Process.Start(psi)!;
        PacketCapture capture = new(p, file);
        // dumpcap says "Capturing on 'dev'" once the socket is open; nothing is lost after that.
        Task<bool> ready = Task.Run(() =>
        {
            string? line;
            while ((line = p.StandardError.ReadLine()) is not null)
            {
                if (line.Contains("Capturing on", StringComparison.Ordinal))
                {
                    return true;
                }
            }
            return false;
        });
        if (!ready.Wait(TimeSpan.FromSeconds(20)) || !ready.Result)
        {
            capture.Dispose();
            throw new InvalidOperationException("dumpcap did not start capturing");
        }
        _ = p.StandardError.ReadToEndAsync();
        return capture;
    }

    /// <summary>
    /// Polls the file being written until a frame matches <paramref name="filter"/>: dumpcap hands frames over
    /// in blocks (a timeout of up to a second), and frames of a block still open when it stops are lost.
    /// </summary>
    public bool WaitFor(string filter, TimeSpan timeout) => TeamTopology.WaitFor(() =>
    {
        var r = Cmd.Try("tshark", "-r", File, "-Y", filter);
        return r.Stdout.Trim().Length > 0;
    }, timeout);

    /// <summary>Stops the capture (SIGINT, so the file is complete) and returns its path.</summary>
    public string Stop()
    {
        if (!_process.HasExited)
        {
            Cmd.Try("kill", "-INT", _process.Id.ToString(CultureInfo.InvariantCulture));
            if (!_process.WaitForExit(10_000))
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        return File;
    }

    /// <summary>tshark's reading of the file with a display filter and fields, one line per frame.</summary>
    public static string[] Read(string file, string filter, params string[] fields)
    {
        List<string> args = ["-r", file, "-Y", filter];
        if (fields.Length > 0)
        {
            args.AddRange(["-T", "fields", "-E", "separator=|"]);
            foreach (string f in fields)
            {
                args.AddRange(["-e", f]);
            }
        }
        var r = Cmd.Try("tshark", [.. args]);
        Assert.True(r.Code == 0, $"tshark -r failed: {r.Stderr}");
        return r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    public void Dispose()
    {
        Stop();
        _process.Dispose();
        try
        {
            System.IO.File.Delete(File);
        }
        catch (IOException)
        {
        }
    }
}

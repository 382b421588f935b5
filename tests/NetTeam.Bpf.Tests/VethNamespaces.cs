using NetTeam.Interop;

namespace NetTeam.Bpf.Tests;

/// <summary>
/// Two namespaces of the test's own (nte-...) joined by a veth pair: "va" (10.214.0.1) in the first, "vb"
/// (10.214.0.2) in the second. Deleted with everything in them on Dispose. Code that calls bpf(2) runs
/// inside with <see cref="RunInB"/> (setns, which keeps this process's view of the bpffs, unlike
/// ip netns exec, which remounts /sys).
/// </summary>
internal sealed class VethNamespaces : IDisposable
{
    public const string AddressA = "10.214.0.1";
    public const string AddressB = "10.214.0.2";

    public VethNamespaces()
    {
        string suffix = Convert.ToHexString(Guid.NewGuid().ToByteArray().AsSpan(0, 4)).ToLowerInvariant();
        A = "nte-a" + suffix;
        B = "nte-b" + suffix;
        try
        {
            foreach (string ns in new[] { A, B })
            {
                Tool.Run("ip", "netns", "add", ns);
                Tool.Run("ip", "-n", ns, "link", "set", "lo", "up");
                Tool.Run("ip", "netns", "exec", ns, "sysctl", "-q", "-w", "net.ipv6.conf.default.disable_ipv6=1");
            }
            Tool.Run("ip", "-n", A, "link", "add", "va", "type", "veth", "peer", "name", "vb", "netns", B);
            Tool.Run("ip", "-n", A, "addr", "add", AddressA + "/24", "dev", "va");
            Tool.Run("ip", "-n", B, "addr", "add", AddressB + "/24", "dev", "vb");
            Tool.Run("ip", "-n", A, "link", "set", "va", "up");
            Tool.Run("ip", "-n", B, "link", "set", "vb", "up");
            IfIndexB = RunInB(() => Interfaces.NameToIndex("vb"));
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public string A { get; }

    public string B { get; }

    public int IfIndexB { get; }

    /// <summary>Whether <paramref name="count"/> pings from a to b all come back (one second each at most).</summary>
    public bool PingFromA(int count)
    {
        (int code, _, _) = Tool.Try("ip", "netns", "exec", A, "ping", "-n", "-q", "-c", count.ToString(System.Globalization.CultureInfo.InvariantCulture), "-i", "0.2", "-W", "1", AddressB);
        return code == 0;
    }

    public T RunInB<T>(Func<T> action)
    {
        Errno err = NetNamespace.Open(B, out NetNamespace? ns);
        Assert.True(err.IsSuccess, $"open {B}: {err}");
        using (ns!)
        {
            err = ns!.Enter(out NetNamespaceScope scope);
            Assert.True(err.IsSuccess, $"enter {B}: {err}");
            using (scope)
            {
                return action();
            }
        }
    }

    public void Dispose()
    {
        Tool.Try("ip", "netns", "del", A);
        Tool.Try("ip", "netns", "del", B);
    }
}

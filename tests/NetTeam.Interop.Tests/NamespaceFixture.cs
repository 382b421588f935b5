using System.Diagnostics;

namespace NetTeam.Interop.Tests;

/// <summary>A private namespace (nti-...) with a veth pair va/vb, deleted on Dispose.</summary>
public sealed class NamespaceFixture : IDisposable
{
    public NamespaceFixture()
    {
        Name = "nti-" + Convert.ToHexString(Guid.NewGuid().ToByteArray().AsSpan(0, 4)).ToLowerInvariant();
        Ip("netns", "add", Name);
        Ip("-n", Name, "link", "set", "lo", "up");
        // No IPv6 chatter (router solicitations, MLD) on the test links.
        Process.Start("ip", ["netns", "exec", Name, "sysctl", "-q", "-w", "net.ipv6.conf.default.disable_ipv6=1"])!.WaitForExit();
        Ip("-n", Name, "link", "add", "va", "type", "veth", "peer", "name", "vb");
        Ip("-n", Name, "link", "set", "va", "up");
        Ip("-n", Name, "link", "set", "vb", "up");
        Errno err = NetNamespace.Open(Name, out NetNamespace? ns);
        Assert.True(err.IsSuccess, err.ToString());
        Namespace = ns!;
    }

    public string Name { get; }

    public NetNamespace Namespace { get; }

    public static string Ip(params string[] args)
    {
        ProcessStartInfo psi = new("ip") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }
        using Process p = Process.Start(psi)!;
        string output = p.StandardOutput.ReadToEnd();
        string error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"ip {string.Join(' ', args)}: {error}");
        return output;
    }

    /// <summary>Runs synchronous code on this thread inside the namespace.</summary>
    public T Run<T>(Func<T> action)
    {
        Errno err = Namespace.Enter(out NetNamespaceScope scope);
        Assert.True(err.IsSuccess, err.ToString());
        using (scope)
        {
            return action();
        }
    }

    public void Dispose()
    {
        Namespace.Dispose();
        Process.Start("ip", ["netns", "del", Name])!.WaitForExit();
    }
}

using NetTeam.Interop;

namespace NetTeam.Device.Ebpf.Tests;

/// <summary>A network namespace of the test's own (nte-...), deleted with everything in it on Dispose.</summary>
internal sealed class TestNamespace : IDisposable
{
    public TestNamespace()
    {
        Name = "nte-" + Convert.ToHexString(Guid.NewGuid().ToByteArray().AsSpan(0, 4)).ToLowerInvariant();
        Tool.Run("ip", "netns", "add", Name);
        Ip("link", "set", "lo", "up");
        Exec("sysctl", "-q", "-w", "net.ipv6.conf.default.disable_ipv6=1");
        Exec("sysctl", "-q", "-w", "net.ipv6.conf.all.disable_ipv6=1");
    }

    public string Name { get; }

    public string Ip(params string[] args) => Tool.Run("ip", ["-n", Name, .. args]);

    public string Exec(params string[] args) => Tool.Run("ip", ["netns", "exec", Name, .. args]);

    public int IfIndex(string device) => Run(() => Interfaces.NameToIndex(device));

    /// <summary>Runs synchronous code on this thread inside the namespace (setns, which keeps this process's bpffs view).</summary>
    public T Run<T>(Func<T> action)
    {
        Errno err = NetNamespace.Open(Name, out NetNamespace? ns);
        Assert.True(err.IsSuccess, $"open {Name}: {err}");
        using (ns!)
        {
            err = ns!.Enter(out NetNamespaceScope scope);
            Assert.True(err.IsSuccess, $"enter {Name}: {err}");
            using (scope)
            {
                return action();
            }
        }
    }

    public void Dispose() => Tool.Try("ip", "netns", "del", Name);
}

using NetTeam.Interop;

namespace NetTeam.Integration.Tests.Topology;

/// <summary>
/// A network namespace of the test's own, named ntt-&lt;random&gt;, deleted on Dispose (and at process exit if a
/// test forgot). Everything the tests send stays inside such namespaces.
/// </summary>
internal sealed class TestNamespace : IDisposable
{
    private bool _deleted;

    public TestNamespace()
    {
        Name = "ntt-" + Convert.ToHexString(Guid.NewGuid().ToByteArray().AsSpan(0, 4)).ToLowerInvariant();
        Cmd.Ip("netns", "add", Name);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Dispose();
        Ip("link", "set", "lo", "up");
        // The tests watch exact frame counts: no IPv6 chatter (router solicitations, MLD) on any link.
        Sysctl("net.ipv6.conf.all.disable_ipv6", "1");
        Sysctl("net.ipv6.conf.default.disable_ipv6", "1");
    }

    public string Name { get; }

    public string Ip(params string[] args) => Cmd.Ip(["-n", Name, .. args]);

    public string Exec(params string[] args) => Cmd.Run("ip", ["netns", "exec", Name, .. args]);

    public (int Code, string Stdout, string Stderr) TryExec(params string[] args) => Cmd.Try("ip", ["netns", "exec", Name, .. args]);

    public void Sysctl(string key, string value) => Exec("sysctl", "-q", "-w", $"{key}={value}");

    public string ReadSysctl(string path) => Exec("cat", path).Trim();

    /// <summary>Runs synchronous code with the calling thread inside this namespace (sockets keep it).</summary>
    public T Run<T>(Func<T> action)
    {
        Errno err = NetNamespace.Open(Name, out NetNamespace? ns);
        if (!err.IsSuccess)
        {
            throw new InvalidOperationException($"cannot open {Name}: {err.Message}");
        }
        using (ns!)
        {
            err = ns!.Enter(out NetNamespaceScope scope);
            if (!err.IsSuccess)
            {
                throw new InvalidOperationException($"cannot enter {Name}: {err.Message}");
            }
            using (scope)
            {
                return action();
            }
        }
    }

    public void Dispose()
    {
        if (!_deleted)
        {
            _deleted = true;
            Cmd.Try("ip", "netns", "del", Name);
        }
    }
}

using NetTeam.Interop;

namespace NetTeam.Device.Linux;

/// <summary>
/// The network namespace a team lives in. Descriptors (sockets, the TAP) keep the namespace they were
/// created in, but opening them, ethtool ioctls and /proc/sys or /proc/thread-self/net reads follow the
/// calling thread's namespace, so those run inside <see cref="Enter"/>.
/// </summary>
internal sealed class NamespaceContext : IDisposable
{
    private readonly NetNamespace? _namespace;

    private NamespaceContext(NetNamespace? ns, ulong inode)
    {
        _namespace = ns;
        Inode = inode;
    }

    /// <summary>The namespace's inode number: the identity used for per-namespace port locks.</summary>
    public ulong Inode { get; }

    public static NamespaceContext Open(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            using NetNamespace current = NetNamespace.Current();
            return new NamespaceContext(null, current.Inode);
        }
        Errno err = NetNamespace.Open(name, out NetNamespace? ns);
        if (!err.IsSuccess || ns is null)
        {
            throw new TeamException(err, $"Cannot open network namespace \"{name}\": {err.Message}.");
        }
        return new NamespaceContext(ns, ns.Inode);
    }

    /// <summary>Runs the caller's synchronous code in the team's namespace until the scope is disposed.</summary>
    public Scope Enter()
    {
        if (_namespace is null)
        {
            return default;
        }
        Errno err = _namespace.Enter(out NetNamespaceScope scope);
        if (!err.IsSuccess)
        {
            throw new TeamException(err, $"Cannot enter the team's network namespace: {err.Message}.");
        }
        return new Scope(scope);
    }

    public void Dispose() => _namespace?.Dispose();

    /// <summary>Returns the thread to its own namespace.</summary>
    public readonly struct Scope : IDisposable
    {
        private readonly NetNamespaceScope? _inner;

        public Scope(NetNamespaceScope inner) => _inner = inner;

        public void Dispose() => _inner?.Dispose();
    }
}

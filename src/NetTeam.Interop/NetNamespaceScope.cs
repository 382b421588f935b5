namespace NetTeam.Interop;

/// <summary>Returns the thread to the namespace it was in before <see cref="NetNamespace.Enter"/>.</summary>
public readonly struct NetNamespaceScope : IDisposable
{
    private readonly NetNamespace? _previous;

    internal NetNamespaceScope(NetNamespace previous) => _previous = previous;

    public void Dispose()
    {
        if (_previous is not null)
        {
            Errno err = _previous.Reenter();
            _previous.Dispose();
            if (!err.IsSuccess)
            {
                // A thread left in the wrong namespace would silently act on the wrong interfaces.
                throw new InvalidOperationException($"Cannot return to the previous network namespace: {err.Message}");
            }
        }
    }
}

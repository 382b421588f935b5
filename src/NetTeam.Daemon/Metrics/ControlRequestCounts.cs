using NetTeam.Control.Protocol;

namespace NetTeam.Daemon.Metrics;

/// <summary>
/// The control requests the daemon answered, by method and result (<c>ok</c>, or teamd's error code). Counted
/// on the event loop, where the handlers run; requests the control server refuses before they reach the daemon
/// (malformed, unknown method, too large) are not counted here.
/// </summary>
internal sealed class ControlRequestCounts
{
    public const string Ok = "ok";

    private readonly SortedDictionary<(string Method, string Result), long> _counts = [];

    public IEnumerable<KeyValuePair<(string Method, string Result), long>> All => _counts;

    public void Count(string method, ControlReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        (string, string) key = (method, reply.IsSuccess ? Ok : reply.Error!.Code);
        _counts[key] = _counts.GetValueOrDefault(key) + 1;
    }
}

using NetTeam.Control.Protocol;

namespace NetTeam.Control.Server;

/// <summary>What serves control methods (the daemon); called once per request.</summary>
public interface IControlHandler
{
    /// <summary>Method names and argument counts, teamd's and NetTeam's.</summary>
    IReadOnlyDictionary<string, int> Methods { get; }

    Task<ControlReply> HandleAsync(string method, string[] args, CancellationToken cancellationToken);

    /// <summary>
    /// For a streaming method (NetTeam's Monitor), the events to send after the success reply, until the
    /// client goes (<paramref name="cancellationToken"/>); null for an ordinary method.
    /// </summary>
    IAsyncEnumerable<string>? OpenStream(string method, CancellationToken cancellationToken) => null;
}

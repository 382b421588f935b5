using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace NetTeam.Daemon;

/// <summary>
/// The subscribers of NetTeam's Monitor stream (teamnl monitor): every change event of the team, as JSON, to
/// every connected monitor. A monitor that does not keep up loses its oldest events, never the daemon's time.
/// </summary>
internal sealed class MonitorFeed
{
    private const int Backlog = 4096;
    private readonly object _sync = new();
    private readonly List<Channel<string>> _subscribers = [];

    public bool HasSubscribers
    {
        get
        {
            lock (_sync)
            {
                return _subscribers.Count > 0;
            }
        }
    }

    public async IAsyncEnumerable<string> Subscribe([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Channel<string> channel = Channel.CreateBounded<string>(new BoundedChannelOptions(Backlog)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        lock (_sync)
        {
            _subscribers.Add(channel);
        }
        try
        {
            await foreach (string e in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return e;
            }
        }
        finally
        {
            lock (_sync)
            {
                _subscribers.Remove(channel);
            }
        }
    }

    public void Publish(string e)
    {
        lock (_sync)
        {
            foreach (Channel<string> c in _subscribers)
            {
                c.Writer.TryWrite(e);
            }
        }
    }
}

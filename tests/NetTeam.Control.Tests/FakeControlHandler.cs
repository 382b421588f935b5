using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using NetTeam.Control.Protocol;
using NetTeam.Control.Server;

namespace NetTeam.Control.Tests;

/// <summary>
/// A daemon stand-in: teamd's methods and NetTeam's, each answered by <see cref="Reply"/>, every call recorded,
/// and a Monitor stream fed by <see cref="Publish"/>.
/// </summary>
internal sealed class FakeControlHandler : IControlHandler
{
    private readonly Channel<string> _events = Channel.CreateUnbounded<string>();
    private readonly TaskCompletionSource _streamOpened = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _streamClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The methods it serves and their argument counts, as netteamd's method table has them (teamd's nine, NetTeam's four).</summary>
    public static IReadOnlyDictionary<string, int> MethodTable { get; } = new Dictionary<string, int>
    {
        [ControlMethodNames.ConfigDump] = 0, [ControlMethodNames.ConfigDumpActual] = 0, [ControlMethodNames.StateDump] = 0,
        [ControlMethodNames.StateItemValueGet] = 1, [ControlMethodNames.StateItemValueSet] = 2,
        [ControlMethodNames.PortAdd] = 1, [ControlMethodNames.PortRemove] = 1,
        [ControlMethodNames.PortConfigUpdate] = 2, [ControlMethodNames.PortConfigDump] = 1,
        [ControlMethodNames.OptionsGet] = 0, [ControlMethodNames.OptionSet] = 4, [ControlMethodNames.PortList] = 0, [ControlMethodNames.Monitor] = 0,
    };

    public IReadOnlyDictionary<string, int> Methods => MethodTable;

    /// <summary>What a call answers; by default a success whose payload names the method and its arguments.</summary>
    public Func<string, string[], ControlReply> Reply { get; set; } = (method, args) => ControlReply.Success(Echo(method, args));

    public ConcurrentQueue<(string Method, string[] Args)> Calls { get; } = new();

    /// <summary>Completes when a client's Monitor stream is being enumerated.</summary>
    public Task StreamOpened => _streamOpened.Task;

    /// <summary>Completes when the stream's token is cancelled, i.e. the client went or the server stopped.</summary>
    public Task StreamClosed => _streamClosed.Task;

    public static string Echo(string method, string[] args) => method + "(" + string.Join(",", args) + ")";

    public Task<ControlReply> HandleAsync(string method, string[] args, CancellationToken cancellationToken)
    {
        Calls.Enqueue((method, args));
        return Task.FromResult(Reply(method, args));
    }

    public IAsyncEnumerable<string>? OpenStream(string method, CancellationToken cancellationToken) =>
        method == "Monitor" ? Stream(cancellationToken) : null;

    public void Publish(string e) => Assert.True(_events.Writer.TryWrite(e));

    private async IAsyncEnumerable<string> Stream([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using CancellationTokenRegistration closed = cancellationToken.Register(() => _streamClosed.TrySetResult());
        _streamOpened.TrySetResult();
        while (await _events.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (_events.Reader.TryRead(out string? e))
            {
                yield return e;
            }
        }
    }
}

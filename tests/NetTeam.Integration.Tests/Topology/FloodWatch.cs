using System.Diagnostics;
using NetTeam.Control.Client;
using NetTeam.Control.Protocol;

namespace NetTeam.Integration.Tests.Topology;

/// <summary>
/// A control client that asks the daemon for a port's LACP state every 50 ms on a thread of its own, as a
/// monitoring system would, and records the slowest answer, the failures and the answers other than "current".
/// </summary>
internal sealed class FloodWatch(string team, string port)
{
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(50);

    private volatile bool _stop;
    private Thread? _running;
    private long _totalTicks;

    public int Polls { get; private set; }

    public int Failures { get; private set; }

    public int NotCurrent { get; private set; }

    public TimeSpan MaxLatency { get; private set; }

    public TimeSpan MeanLatency => Polls == 0 ? TimeSpan.Zero : TimeSpan.FromTicks(_totalTicks / Polls);

    public void Start()
    {
        _running = new Thread(Run) { Name = "flood-watch", IsBackground = true };
        _running.Start();
    }

    public void Stop()
    {
        _stop = true;
        _running?.Join();
    }

    private void Run()
    {
        using TeamdClient client = TeamdClient.Connect(team);
        string item = $"ports.{port}.runner.state";
        Stopwatch clock = Stopwatch.StartNew();
        TimeSpan next = TimeSpan.Zero;
        while (!_stop)
        {
            long start = Stopwatch.GetTimestamp();
            ControlReply reply;
            try
            {
                reply = client.StateItemGet(item);
            }
            catch (ControlException)
            {
                Failures++;
                reply = ControlReply.Fail(ControlError.NoSuchDev);
            }
            TimeSpan latency = Stopwatch.GetElapsedTime(start);
            Polls++;
            _totalTicks += latency.Ticks;
            MaxLatency = latency > MaxLatency ? latency : MaxLatency;
            if (!reply.IsSuccess)
            {
                Failures++;
            }
            else if (reply.Payload?.Trim() != "current")
            {
                NotCurrent++;
            }
            next += Period;
            TimeSpan wait = next - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                Thread.Sleep(wait);
            }
        }
    }
}

using System.Text.Json.Nodes;
using NetTeam.Runners.Config;
using NetTeam.Runners.Host;
using NetTeam.Runners.State;

namespace NetTeam.Runners.LinkWatchers;

/// <summary>
/// ethtool: the port's carrier from rtnetlink events (no polling), debounced by <c>delay_up</c> and
/// <c>delay_down</c> in milliseconds (libteam teamd/teamd_lw_ethtool.c). A change that reverts before its
/// delay ends is forgotten, as teamd cancels the pending delay on every link event.
/// </summary>
public sealed class EthtoolLinkWatch : LinkWatch
{
    private IRunnerTimer? _delay;

    public EthtoolLinkWatch(JsonObject config)
        : base(config)
    {
        DelayUp = ConfigReader.Int(config, "delay_up", 0);
        DelayDown = ConfigReader.Int(config, "delay_down", 0);
    }

    public override string Name => "ethtool";

    public int DelayUp { get; }

    public int DelayDown { get; }

    /// <summary>The keys teamd_lw_ethtool.c reads (teamd-spec §2.5), and <c>name</c>.</summary>
    internal static ConfigKeyTable Keys { get; } = new([ConfigKey.Known("name"), ConfigKey.Int("delay_up", 0, int.MaxValue), ConfigKey.Int("delay_down", 0, int.MaxValue)]);

    protected override void OnStart()
    {
        _delay = Host.CreateTimer(() => Report(Port.Link.Up));
        // A port joins with the link it has: no delay for the first verdict.
        Report(Port.Link.Up);
    }

    public override void PortLinkChanged()
    {
        _delay!.Stop();
        bool up = Port.Link.Up;
        if (up == Up)
        {
            return;
        }
        int delay = up ? DelayUp : DelayDown;
        if (delay == 0)
        {
            Report(up);
        }
        else
        {
            _delay.Start(TimeSpan.FromMilliseconds(delay));
        }
    }

    protected override void AddState(StateScope state)
    {
        state.Add("delay_down", StateValue.Int(() => DelayDown));
        state.Add("delay_up", StateValue.Int(() => DelayUp));
    }

    protected override void Dispose(bool disposing) => _delay?.Dispose();
}

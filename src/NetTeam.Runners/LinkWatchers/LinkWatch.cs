using System.Text.Json.Nodes;
using NetTeam.Runners.Config;
using NetTeam.Runners.State;

namespace NetTeam.Runners.LinkWatchers;

/// <summary>
/// One link watcher on one port (libteam teamd/teamd_link_watch.c): it only says up or down. The runner
/// decides what that means. Watchers run on the event loop like runners, with the host's timers and
/// control-frame channels. A port has one or more; <see cref="PortLinkWatchSet"/> combines them.
/// </summary>
public abstract class LinkWatch : IDisposable
{
    private Action? _changed;

    protected LinkWatch(JsonObject config) => Config = config;

    /// <summary>teamd's watcher name (<c>link_watch.name</c>).</summary>
    public abstract string Name { get; }

    public JsonObject Config { get; }

    public bool Up { get; private set; }

    /// <summary>How many times the verdict went from up to down (the state dump's down_count).</summary>
    public int DownCount { get; private set; }

    /// <summary>How many times the verdict went from down to up (NetTeam's; teamd counts only downs).</summary>
    public int UpCount { get; private set; }

    /// <summary>
    /// Whether the verdict replaces carrier in the team (the port's user_linkup_enabled): true for the probe
    /// watchers, which teamd's lw_psr sets; false for ethtool, whose verdict is the carrier (observed 1.31).
    /// </summary>
    public virtual bool OverridesCarrier => false;

    /// <summary>
    /// teamd's forced_send: the port is enabled, or no port of the team is usable, so the probe watchers send
    /// on this port (teamd_link_watch.c link_watch_refresh_forced_send).
    /// </summary>
    public bool ForcedSend
    {
        get => _forcedSend;
        set
        {
            bool started = value && !_forcedSend;
            _forcedSend = value;
            if (started && Host is not null)
            {
                OnForcedSendStarted();
            }
        }
    }

    private bool _forcedSend;

    /// <summary>The port has just become one to probe on (it was made active, or every port is down).</summary>
    protected virtual void OnForcedSendStarted()
    {
    }

    protected IRunnerHost Host { get; private set; } = null!;

    protected RunnerPort Port { get; private set; } = null!;

    /// <summary>Every watcher teamd knows (teamd.conf(5)).</summary>
    public static IReadOnlyList<string> Names { get; } = [.. LinkWatchDescriptor.All.Select(d => d.Name)];

    public static LinkWatch Create(JsonObject config)
    {
        ArgumentNullException.ThrowIfNull(config);
        string? name = ConfigReader.String(config, "name");
        LinkWatchDescriptor descriptor = LinkWatchDescriptor.Find(name)
            ?? throw new ArgumentException(name is null ? "A link watch needs a name." : $"No link_watch named \"{name}\" available.", nameof(config));
        return descriptor.Create(config);
    }

    /// <summary>Checks one watcher's keys; returns the first error (naming the key at <paramref name="path"/>) or null.</summary>
    public static string? Validate(JsonObject config, string path)
    {
        ConfigProblems problems = new();
        Check(config, path, problems);
        return problems.Errors.FirstOrDefault();
    }

    /// <summary>
    /// Checks one watcher at <paramref name="path"/>: its name, then every key against the watcher's table
    /// (<see cref="LinkWatchDescriptor.Keys"/>), all problems reported. Without a known name the keys cannot be judged.
    /// </summary>
    public static void Check(JsonObject config, string path, ConfigProblems problems)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(problems);
        if (ConfigReader.CheckString(config, "name", path + ".name", required: true, "a link watcher name") is string error)
        {
            problems.Error(error);
            return;
        }
        string name = ConfigReader.String(config, "name")!;
        if (LinkWatchDescriptor.Find(name) is not LinkWatchDescriptor d)
        {
            string? near = KeySuggestion.Nearest(name, Names);
            problems.Error($"{path}.name: \"{name}\" is not a link watcher (expected one of {string.Join(", ", Names)})"
                + (near is null ? string.Empty : $"; did you mean \"{near}\"?"));
            return;
        }
        d.Keys.Check(config, path + ".", problems, d.KeyOfOthers);
    }

    /// <summary>Starts watching; <paramref name="changed"/> is called on the loop whenever the verdict changes.</summary>
    public void Start(IRunnerHost host, RunnerPort port, Action changed)
    {
        Host = host;
        Port = port;
        _changed = changed;
        OnStart();
    }

    protected virtual void OnStart()
    {
    }

    /// <summary>The port's carrier, speed or duplex changed (from rtnetlink).</summary>
    public virtual void PortLinkChanged()
    {
    }

    /// <summary>Sets the verdict; logs and notifies only on a change, as teamd_link_watch_check_link_up.</summary>
    protected void Report(bool up)
    {
        if (up == Up)
        {
            return;
        }
        if (Up)
        {
            DownCount++;
        }
        else
        {
            UpCount++;
        }
        Up = up;
        Host.Log($"{Port.Name}: {Name}-link went {(up ? "up" : "down")}.");
        _changed?.Invoke();
    }

    /// <summary>The watcher's entry in the state dump (link_watches.list.link_watch_N), teamd's keys, under <paramref name="scope"/>.</summary>
    /// <summary>The watcher's name and counters (what it sent, heard and ignored), for NetTeam's Statistics method.</summary>
    public JsonObject Counters()
    {
        JsonObject o = new() { ["name"] = Name, ["up"] = Up, ["down_count"] = DownCount };
        AddCounters(o);
        return o;
    }

    protected virtual void AddCounters(JsonObject counters)
    {
    }

    public void RegisterState(StateScope scope)
    {
        scope.Add("down_count", StateValue.Int(() => DownCount));
        scope.Add("name", StateValue.String(() => Name));
        scope.Add("up", StateValue.Bool(() => Up));
        AddState(scope);
    }

    /// <summary>The watcher's own keys in its state dump entry.</summary>
    protected abstract void AddState(StateScope state);

    public void Dispose()
    {
        _changed = null;
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }
}

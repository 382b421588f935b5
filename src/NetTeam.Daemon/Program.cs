using System.Diagnostics;
using Microsoft.Extensions.Logging;
using System.Net;
using System.Net.Sockets;
using NetTeam.Control;
using NetTeam.Control.Metrics;
using NetTeam.Control.Server;
using NetTeam.Daemon;
using NetTeam.Daemon.Config;
using NetTeam.Daemon.Logging;
using NetTeam.Device;
using NetTeam.Device.DataPlane;
using NetTeam.Interop;

// netteamd: teamd's command line, config and control socket, on NetTeam's team device.
CommandLine cl = CommandLine.Parse(args, out string? parseError);
if (parseError is not null)
{
    Console.Error.WriteLine($"netteamd: {parseError}");
    Console.Error.Write(CommandLine.HelpText);
    return 1;
}
if (cl.Help)
{
    Console.Write(CommandLine.HelpText);
    return 0;
}
if (cl.Version)
{
    Console.WriteLine("netteamd " + NetTeamVersion.Text);
    return 0;
}

// The config names the device unless -t does; -k and -e need only the name.
string? configText = cl.ConfigText;
if (configText is null && cl.ConfigFile is not null)
{
    string path = Path.GetFullPath(cl.ConfigFile);
    if (!File.Exists(path))
    {
        Console.Error.WriteLine($"Failed to get absolute path of \"{cl.ConfigFile}\": No such file or directory");
        return 1;
    }
    try
    {
        configText = File.ReadAllText(path);
    }
    catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
    {
        Console.Error.WriteLine($"Failed to read config file \"{cl.ConfigFile}\": {ex.Message}");
        return 1;
    }
}
if (cl.CheckConfig)
{
    // Before anything else: a check touches no interface, socket or pid file.
    if (configText is null)
    {
        Console.Error.WriteLine("netteamd: --check-config needs a config: -f FILE or -c JSON");
        return 1;
    }
    return ConfigCheckCommand.Run(configText, cl.ConfigText is not null ? "-c" : cl.ConfigFile!, cl.TeamDevice, cl.Strict, Console.Out, Console.Error);
}
TeamdConfig config;
try
{
    config = TeamdConfig.Parse(configText ?? "{}", cl.TeamDevice, cl.Strict);
}
catch (ConfigException ex) when (cl.Kill || cl.Check)
{
    _ = ex;
    config = TeamdConfig.Parse("{}", cl.TeamDevice);
}
catch (ConfigException ex)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine("Failed to load config.");
    return 1;
}

string pidFile = cl.PidFile ?? Path.Combine(UsockServer.DefaultDirectory, config.Device + ".pid");
if (cl.Check)
{
    return PidFile.Running(pidFile) is not null ? 0 : 1;
}
if (cl.Kill)
{
    return PidFile.Kill(pidFile, TimeSpan.FromSeconds(30)) ? 0 : 1;
}
if (cl.Detach)
{
    // systemd's ExecStop: the team, its ports and a pinned eBPF plane stay for the ExecStart of a restart.
    return PidFile.Running(pidFile) is not int running || Predecessor.Leave(running, config.Device, takeOver: true) ? 0 : 1;
}
if (cl.Destroy && PidFile.Running(pidFile) is not null)
{
    return PidFile.Kill(pidFile, TimeSpan.FromSeconds(30)) ? 0 : 1;
}
if (cl.Dbus || cl.Zmq is not null)
{
    Console.Error.WriteLine("netteamd: D-Bus and ZeroMQ control are not supported; the usock control socket is.");
    return 1;
}
if (PidFile.Running(pidFile) is int other && !Predecessor.Leave(other, config.Device, cl.TakeOver))
{
    Console.Error.WriteLine($"Daemon already running on PID {other}.");
    Console.Error.WriteLine("Failed: File exists");
    return 1;
}
if (cl.Daemonize)
{
    return Daemonizer.Run(args, pidFile);
}

int debug = Math.Max(cl.Debug, config.DebugLevel);
// teamd: -l stdout|stderr|syslog, else TEAM_LOG_OUTPUT, else stderr.
string? logChoice = cl.LogOutput ?? Environment.GetEnvironmentVariable("TEAM_LOG_OUTPUT");
LogOutput output;
switch (logChoice)
{
    case null or "stderr":
        output = LogOutput.Stderr;
        break;
    case "stdout":
        output = LogOutput.Stdout;
        break;
    case "syslog":
        output = LogOutput.Syslog;
        break;
    default:
        Console.Error.WriteLine($"netteamd: log output \"{logChoice}\" is not valid (expected stdout, stderr or syslog).");
        return 1;
}
// No dependency-injection container (LoggerFactory.Create builds one): see LineLoggerProvider.
using ILoggerProvider logProvider = output == LogOutput.Syslog
    // NETTEAM_SYSLOG_SOCKET names another socket than /dev/log (a container's, or a test's).
    ? new SyslogLoggerProvider(Environment.GetEnvironmentVariable("NETTEAM_SYSLOG_SOCKET") ?? SyslogLoggerProvider.DefaultSocket)
    // With -g, times to the millisecond: failover and LACP timing are read from the log.
    : new LineLoggerProvider(output == LogOutput.Stdout ? Console.Out : Console.Error, debug >= 1 ? "HH:mm:ss.fff " : null);
using ILoggerFactory loggerFactory = new LoggerFactory([logProvider],
    new LoggerFilterOptions { MinLevel = debug >= 2 ? LogLevel.Trace : debug == 1 ? LogLevel.Debug : LogLevel.Information });
ILogger logger = loggerFactory.CreateLogger("netteamd");
foreach (string w in config.Warnings)
{
    ConfigLog.Warning(logger, w);
}

DataPlaneKind dataPlane = config.DataPlane;
if (cl.DataPlane is string planeText)
{
    if (TeamdConfig.ParseDataPlane(planeText) is not DataPlaneKind chosen)
    {
        Console.Error.WriteLine($"--data-plane: \"{planeText}\" is not a data plane (expected auto, ebpf or userspace)");
        return 1;
    }
    dataPlane = chosen;
}

// The metrics' HTTP endpoint: off unless metrics.listen or --metrics-listen names one.
IPEndPoint? metricsListen = config.MetricsListen;
if (cl.MetricsListen is string listenText)
{
    if (MetricsListen.Parse(listenText) is not IPEndPoint listen)
    {
        Console.Error.WriteLine(MetricsListen.Error("--metrics-listen", listenText));
        return 1;
    }
    metricsListen = listen;
}

TeamDaemon daemon;
try
{
    daemon = new TeamDaemon(config, new DaemonSettings
    {
        PidFile = pidFile,
        Daemonized = Environment.GetEnvironmentVariable(Daemonizer.ChildVariable) == "1",
        DebugLevel = debug,
        NoPorts = cl.NoPorts || cl.Destroy,
        NoQuitDestroy = cl.NoQuitDestroy,
        TakeOver = cl.TakeOver,
        ForceRecreate = cl.ForceRecreate,
        DataPlane = dataPlane,
    }, loggerFactory);
    daemon.Start();
    if (cl.Destroy)
    {
        // The team left behind is taken over with no ports of its own: its ports are restored, and the clean
        // stop that follows removes the interface and the pins.
        daemon.Dispose();
        return 0;
    }
}
catch (Exception ex) when (ex is ConfigException or TeamException)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine("Failed to init runner.");
    return 1;
}

using (daemon)
{
    await using UsockServer? usock = cl.UsockDisabled ? null : UsockServer.Start(Path.Combine(UsockServer.DefaultDirectory, config.Device + ".sock"), daemon, m => logger.LogDebug("{Message}", m));
    MetricsHttpServer? metrics = null;
    if (metricsListen is not null)
    {
        try
        {
            metrics = MetricsHttpServer.Start(metricsListen, daemon.ScrapeAsync, m => logger.LogDebug("{Message}", m));
        }
        catch (SocketException ex)
        {
            Console.Error.WriteLine($"metrics.listen: cannot listen on {metricsListen}: {ex.Message}");
            return 1;
        }
        logger.LogInformation("Serving metrics on http://{Endpoint}/metrics", metrics.Endpoint);
    }
    await using MetricsHttpServer? metricsServer = metrics;
    using PidFile pid = PidFile.Create(pidFile);
    using ShutdownSignal stop = ShutdownSignal.Register();
    // Type=notify: ready once the team carries traffic (a port with link), or after 5 s without, saying so.
    bool carrier = daemon.WaitCarrier(TimeSpan.FromSeconds(5));
    SystemdNotify.Ready(carrier ? "carrying traffic" : "no port has link yet");
    daemon.StartWatchdog(SystemdNotify.WatchdogInterval(), SystemdNotify.Watchdog);
    logger.LogInformation("netteamd {Pid} ready: {Team}, runner {Runner}", Environment.ProcessId, config.Device, config.RunnerName);
    // A signal stops the team; a successor's Handover ends this process and leaves the team to it.
    WaitHandle.WaitAny([stop.Token.WaitHandle, daemon.HandoverRequested]);
    logger.LogInformation("netteamd stopping");
}
return 0;

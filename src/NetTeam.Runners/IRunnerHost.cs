using NetTeam.Device;

namespace NetTeam.Runners;

/// <summary>What a runner may use: the team device (through its option and port API only), the ports and a log.</summary>
public interface IRunnerHost
{
    TeamDevice Team { get; }

    IReadOnlyList<RunnerPort> Ports { get; }

    void Log(string message);
}

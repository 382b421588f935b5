namespace NetTeam.Runners;

/// <summary>
/// broadcast, roundrobin, random: the mode spreads the frames (libteam teamd/teamd_runner_basic_ones.c); the
/// runner only keeps a port enabled while its link watch is up, so a port that a probe watcher finds dead
/// stops carrying frames even though its carrier is up.
/// </summary>
internal sealed class PassiveRunner(string name) : Runner
{
    public override string Name { get; } = name;


    public override void PortAdded(IRunnerHost host, RunnerPort port) => EnableWhileUp(host, port);

    public override void PortChanged(IRunnerHost host, RunnerPort port) => EnableWhileUp(host, port);
}

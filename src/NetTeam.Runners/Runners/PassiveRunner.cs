namespace NetTeam.Runners;

/// <summary>broadcast, roundrobin, random: the mode does everything (teamd_runner_basic.c).</summary>
internal sealed class PassiveRunner(string name) : Runner
{
    public override string Name { get; } = name;

    public override string KernelMode => Name;
}

namespace NetTeam.Runners;

/// <summary>teamd's runner names (<c>runner.name</c>, teamd.conf(5)).</summary>
public static class RunnerNames
{
    public const string Broadcast = "broadcast";
    public const string RoundRobin = "roundrobin";
    public const string Random = "random";
    public const string ActiveBackup = "activebackup";
    public const string LoadBalance = "loadbalance";
    public const string Lacp = "lacp";
}

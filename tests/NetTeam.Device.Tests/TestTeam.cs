using NetTeam.Device.Events;
using NetTeam.Device.Tests.Fakes;

namespace NetTeam.Device.Tests;

/// <summary>A team on in-memory links, with eth0..ethN present and every change event recorded.</summary>
internal sealed class TestTeam : IDisposable
{
    public TestTeam(int ports = 2)
    {
        Links = new FakeLinks();
        FakeLink team = Links.Add("team0");
        for (int i = 0; i < ports; i++)
        {
            Links.Add($"eth{i}");
        }
        Interface = new FakeTeamInterface("team0", team.Index);
        DataPlane = new FakeDataPlane();
        Time = new FakeTime();
        Team = new TeamDevice(Interface, Links, DataPlane, Time, null);
        Team.Changed += (_, e) => Events.Add(e);
    }

    public FakeLinks Links { get; }

    public FakeTeamInterface Interface { get; }

    public FakeDataPlane DataPlane { get; }

    public FakeTime Time { get; }

    public TeamDevice Team { get; }

    public List<TeamChangeEventArgs> Events { get; } = [];

    public int Index(string name) => Links[name].Index;

    public void Dispose() => Team.Dispose();
}

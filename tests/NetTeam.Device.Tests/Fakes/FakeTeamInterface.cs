using NetTeam.Device.Backends;

namespace NetTeam.Device.Tests.Fakes;

internal sealed class FakeTeamInterface(string name, int ifIndex) : ITeamInterface
{
    public string Name { get; } = name;

    public int IfIndex { get; } = ifIndex;

    public bool Carrier { get; private set; }

    public void SetCarrier(bool carrier) => Carrier = carrier;

    public void Dispose()
    {
    }
}

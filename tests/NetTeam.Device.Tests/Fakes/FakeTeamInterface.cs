using NetTeam.Device.Backends;

namespace NetTeam.Device.Tests.Fakes;

internal sealed class FakeTeamInterface(string name, int ifIndex) : ITeamInterface
{
    public string Name { get; } = name;

    public int IfIndex { get; } = ifIndex;

    public bool Carrier { get; private set; }

    public void SetCarrier(bool carrier) => Carrier = carrier;

    /// <summary>Frames the team transmitted on its own (peer notifications), in order.</summary>
    public List<byte[]> Transmitted { get; } = [];

    public Interop.Errno Transmit(ReadOnlySpan<byte> frame)
    {
        lock (Transmitted)
        {
            Transmitted.Add(frame.ToArray());
        }
        return Interop.Errno.Success;
    }

    /// <summary>Whether a clean stop asked for the interface to go (a persistent TAP would).</summary>
    public bool Removed { get; private set; }

    public void RemoveOnClose() => Removed = true;

    public void Dispose()
    {
    }
}

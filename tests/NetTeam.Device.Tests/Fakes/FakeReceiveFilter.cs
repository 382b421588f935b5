using NetTeam.Device.Backends;
using NetTeam.Interop;

namespace NetTeam.Device.Tests.Fakes;

/// <summary>A port's receive filter that records its promisc state in <see cref="FakeLinks.Promiscuous"/>.</summary>
internal sealed class FakeReceiveFilter(FakeLinks links, int ifIndex) : IPortReceiveFilter
{
    public Errno Apply(bool promiscuous, bool allMulticast, IReadOnlyList<MacAddress> multicast)
    {
        links.Promiscuous[ifIndex] = promiscuous;
        return Errno.Success;
    }

    public void Dispose() => links.Promiscuous.Remove(ifIndex);
}

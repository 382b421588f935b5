using NetTeam.Device.Ports;

namespace NetTeam.Device.Backends;

/// <summary>A held port lock. It records the port's saved settings so a later process can restore them after a crash.</summary>
internal interface IPortLease : IDisposable
{
    void Record(PortSavedSettings saved);
}

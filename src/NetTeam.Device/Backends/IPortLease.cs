using NetTeam.Device.Ports;

namespace NetTeam.Device.Backends;

/// <summary>A held port lock. It records the port's saved settings so a later process can restore them after a crash.</summary>
internal interface IPortLease : IDisposable
{
    /// <summary>
    /// The settings a process that died holding this port had saved (kill -9): the port's real original
    /// state, to restore instead of what the dead process left on it. Null when nothing was left behind.
    /// </summary>
    PortSavedSettings? Recovered { get; }

    void Record(PortSavedSettings saved);

    /// <summary>Releases the lock but keeps the saved settings on record, for a later process to restore.</summary>
    void Abandon();
}

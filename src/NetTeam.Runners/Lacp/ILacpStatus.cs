namespace NetTeam.Runners.Lacp;

/// <summary>What the lacp runner tells about its ports besides the state dump (netteamd's metrics). Read on the event loop.</summary>
public interface ILacpStatus
{
    /// <summary>The port's LACP status; null for a port the runner does not have.</summary>
    LacpPortStatus? GetPortStatus(RunnerPort port);
}

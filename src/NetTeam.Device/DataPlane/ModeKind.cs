namespace NetTeam.Device.DataPlane;

/// <summary>The mode a snapshot's frame decisions follow; None is the kernel's *NOMODE* (drops everything).</summary>
public enum ModeKind
{
    None,
    Broadcast,
    RoundRobin,
    Random,
    ActiveBackup,
    LoadBalance,
}

namespace NetTeam.Device.DataPlane.Userspace;

/// <summary>A change of the port set, executed by the data plane thread between batches and acknowledged.</summary>
internal sealed class PlaneCommand(PlaneCommandKind kind, PortSocket? socket)
{
    public PlaneCommandKind Kind { get; } = kind;

    public PortSocket? Socket { get; } = socket;

    public ManualResetEventSlim Done { get; } = new();
}

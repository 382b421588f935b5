using NetTeam.Device.DataPlane;

namespace NetTeam.DataPlane.Conformance;

/// <summary>One row of the transmit table: with this snapshot (and roundrobin's sent counter), this frame gets this decision.</summary>
public sealed record TxCase(string Name, TeamSnapshotData Snapshot, byte[] Frame, ulong RoundRobinSent, TxExpectation Expected)
{
    public override string ToString() => $"{Name}: {Expected}";
}

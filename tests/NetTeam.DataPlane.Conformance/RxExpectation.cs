namespace NetTeam.DataPlane.Conformance;

/// <summary>What a data plane must do with a frame received on a port: deliver it to the team (counted multicast or not), or leave it with the port.</summary>
public sealed record RxExpectation(bool Accept, bool Multicast)
{
    public override string ToString() => Accept ? (Multicast ? "accept, multicast" : "accept") : "pass";
}

namespace NetTeam.DataPlane.Conformance;

/// <summary>A frame of the corpus, with a name that says what it exercises.</summary>
public sealed record NamedFrame(string Name, byte[] Bytes)
{
    public override string ToString() => $"{Name} ({Bytes.Length} bytes)";
}

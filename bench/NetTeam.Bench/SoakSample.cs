namespace NetTeam.Bench;

/// <summary>One team's figures at the end of a minute of the soak.</summary>
internal sealed record SoakSample(int Minute, long ResidentBytes, int Threads, int Descriptors, long DataPlaneDrops, long Sent, long Lost);

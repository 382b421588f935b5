namespace NetTeam.Control.Client;

/// <summary>An interface of the team (the team itself or a port) as libteam's ifinfo list holds it.</summary>
public sealed record TeamIfinfo(int IfIndex, string Name, string Address, int MasterIfIndex, bool Changed);

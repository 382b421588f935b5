namespace NetTeam.Control.Client;

/// <summary>An option instance as teamnl lists it: its name, type and value in teamnl's text, where it applies, and its flags.</summary>
public sealed record TeamOptionStatus(string Name, string Type, string Value, string? Port, int? ArrayIndex, bool Changed, bool Removed);

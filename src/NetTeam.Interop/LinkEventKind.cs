namespace NetTeam.Interop;

/// <summary>What an rtnetlink link notification says.</summary>
public enum LinkEventKind
{
    NewLink,
    DeleteLink,
}

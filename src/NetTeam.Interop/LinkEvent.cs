namespace NetTeam.Interop;

/// <summary>An RTNLGRP_LINK notification.</summary>
public readonly record struct LinkEvent(LinkEventKind Kind, LinkInfo Link);

namespace NetTeam.Runners.Lacp;

/// <summary>
/// teamd's port states (libteam teamd/teamd_runner_lacp.c; teamd-spec §4.5), the receive machine of
/// IEEE 802.1AX-2014 6.4.12 reduced to what teamd reports: PORT_DISABLED, CURRENT, EXPIRED, DEFAULTED.
/// </summary>
public enum LacpPortState
{
    Disabled,
    Current,
    Expired,
    Defaulted,
}

namespace NetTeam.Device.Options;

/// <summary>
/// The value types of team options, as the team generic-netlink API carries them
/// (teamd-spec §1.4: NLA_U32, NLA_STRING, NLA_BINARY, NLA_FLAG, NLA_S32).
/// </summary>
public enum TeamOptionType
{
    U32,
    String,
    Binary,
    Bool,
    S32,
}

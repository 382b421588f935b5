namespace NetTeam.Control.Protocol;

/// <summary>A control error as teamd names it (libteam teamd/teamd_ctl.c): a code and its fixed message.</summary>
public sealed record ControlError(string Code, string Message)
{
    public static ControlError InvalidArgs { get; } = new("InvalidArgs", "Did not receive correct message arguments.");
    public static ControlError NoSuchDev { get; } = new("NoSuchDev", "No such device.");
    public static ControlError ConfigUpdateFail { get; } = new("ConfigUpdateFail", "Failed to update config.");
    public static ControlError ConfigDumpFail { get; } = new("ConfigDumpFail", "Failed to dump config.");
    public static ControlError ConfigDumpActualFail { get; } = new("ConfigDumpActualFail", "Failed to dump actual config.");
    public static ControlError PortAddFail { get; } = new("PortAddFail", "Failed to add port.");
    public static ControlError PortRemoveFail { get; } = new("PortRemoveFail", "Failed to del port.");
    public static ControlError StateDumpFail { get; } = new("StateDumpFail", "Failed to dump state.");
    public static ControlError PathDoesNotExist { get; } = new("PathDoesNotExist", "Item path does not exist.");
    public static ControlError ItemValueGetFail { get; } = new("ItemValueGetFail", "Failed to get item value.");
    public static ControlError OpNotSupp { get; } = new("OpNotSupp", "Operation not supported.");
    public static ControlError ItemValueSetFail { get; } = new("ItemValueSetFail", "Failed to set item value.");

    /// <summary>
    /// NetTeam's answer to a message that is not a request or names no known method. teamd sends nothing
    /// and lets the client time out after 5 s; NetTeam says what was wrong at once. teamdctl never sends
    /// such a message, so it never sees this code.
    /// </summary>
    public static ControlError BadRequest { get; } = new("BadRequest", "Not a request for a known method.");

    /// <summary>NetTeam's answer to a request larger than <c>UsockServer.MaxRequestBytes</c>.</summary>
    public static ControlError RequestTooLarge { get; } = new("RequestTooLarge", "Request too large.");

    /// <summary>
    /// NetTeam's answer to a connection beyond <c>UsockServer.MaxConnections</c>: the one datagram it gets
    /// before the server closes it. teamd has no limit and runs out of descriptors instead.
    /// </summary>
    public static ControlError TooManyConnections { get; } = new("TooManyConnections", "Too many control connections open; try again later.");
}

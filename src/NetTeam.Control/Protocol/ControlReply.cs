namespace NetTeam.Control.Protocol;

/// <summary>A method's outcome: a payload on success, or a teamd error.</summary>
public sealed record ControlReply(string? Payload, ControlError? Error)
{
    public bool IsSuccess => Error is null;

    public static ControlReply Success(string payload = "") => new(payload, null);

    public static ControlReply Fail(ControlError error) => new(null, error);
}

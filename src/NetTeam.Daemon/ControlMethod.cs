using NetTeam.Control.Protocol;

namespace NetTeam.Daemon;

/// <summary>
/// One entry of the control method table (libteam teamd/teamd_ctl.c <c>teamd_ctl_method_list[]</c>): its name,
/// how many arguments it takes, and what answers it. <paramref name="Handler"/> runs on the event loop; a
/// streaming method has a <paramref name="Stream"/> instead, opened on the control server's thread.
/// </summary>
internal sealed record ControlMethod(
    string Name,
    int ArgCount,
    Func<ControlCommands, string[], ControlReply>? Handler,
    Func<ControlCommands, CancellationToken, IAsyncEnumerable<string>>? Stream = null);

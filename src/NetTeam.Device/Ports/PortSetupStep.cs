using NetTeam.Interop;

namespace NetTeam.Device.Ports;

/// <summary>
/// One setting the team changes on a port and puts back: how to apply it on add, and how to restore the
/// saved value on removal, exit or a failed add. Both halves live together so they cannot drift apart.
/// </summary>
/// <param name="What">The setting, as a restore failure names it.</param>
/// <param name="Doing">What applying it does, as a refusal names it ("set MTU 9000").</param>
internal sealed record PortSetupStep(string What, Func<PortSetupContext, string> Doing, Func<PortSetupContext, Errno> Apply, Func<PortSetupContext, Errno> Restore);

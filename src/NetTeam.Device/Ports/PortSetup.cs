using Microsoft.Extensions.Logging;
using NetTeam.Interop;

namespace NetTeam.Device.Ports;

/// <summary>
/// The settings a port takes in the team, as one list of steps (team_port_add saves and sets MTU and MAC;
/// NetTeam also silences the port's own stack when the data plane leaves the port's frames to it). A port is
/// down while its MTU and MAC change, as the kernel requires of ports: apply brings it down (only when one of
/// those must change: a port that already carries them, as after a crash or a handover, keeps its carrier and
/// its LACP partner), applies every step in order and brings it up; restore brings it down, restores every
/// step (each tried even if one fails) and brings it up if it was up. Restoring puts back the saved values
/// whatever was applied, so it is also right after a crash.
/// </summary>
internal sealed class PortSetup
{
    private static readonly PortSetupStep s_mtu = new(
        "MTU",
        c => $"set MTU {c.TeamMtu}",
        c => c.Port.Mtu == c.TeamMtu ? Errno.Success : c.Links.SetMtu(c.Port.IfIndex, c.TeamMtu),
        c => c.Links.SetMtu(c.Port.IfIndex, c.Port.Saved.Mtu));

    private static readonly PortSetupStep s_address = new(
        "MAC address",
        c => $"set address {c.TeamAddress}",
        c => c.TeamAddress is not MacAddress mac || c.Port.Address == mac ? Errno.Success : c.Links.SetAddress(c.Port.IfIndex, mac),
        c => c.Links.SetAddress(c.Port.IfIndex, c.Port.Saved.Address));

    // The port's own stack must stay silent: no ARP answers with the port's MAC (design.md).
    private static readonly PortSetupStep s_flags = new(
        "ARP/promisc/allmulti flags",
        _ => "turn ARP off",
        c => c.Links.SetFlags(c.Port.IfIndex, LinkFlags.NoArp, LinkFlags.NoArp),
        c => c.Links.SetFlags(c.Port.IfIndex, SavedFlags(c.Port.Saved), LinkFlags.NoArp | LinkFlags.Promiscuous | LinkFlags.AllMulticast));

    // Restoring the flags without having turned ARP off: promisc and allmulti may be left by a dead process.
    private static readonly PortSetupStep s_flagsRestoreOnly = s_flags with { Apply = _ => Errno.Success };

    private static readonly PortSetupStep s_ipv6 = new(
        "IPv6",
        _ => "disable IPv6",
        c => c.Port.Saved.Ipv6Disabled == false ? c.Links.SetIpv6Disabled(c.Port.Name, true) : Errno.Success,
        c => c.Port.Saved.Ipv6Disabled is bool v6 ? c.Links.SetIpv6Disabled(c.Port.Name, v6) : Errno.Success);

    // IPv4 has no per-device off switch, and the weak host model would accept a frame for the team's address
    // on the port too (a duplicate). Strict reverse-path filtering drops every IPv4 packet on the port, which
    // has no addresses or routes of its own.
    private static readonly PortSetupStep s_rpFilter = new(
        "rp_filter",
        _ => "set rp_filter",
        c => c.Port.Saved.RpFilter is int rp && rp != 1 ? c.Links.SetRpFilter(c.Port.Name, 1) : Errno.Success,
        c => c.Port.Saved.RpFilter is int rp ? c.Links.SetRpFilter(c.Port.Name, rp) : Errno.Success);

    private readonly IReadOnlyList<PortSetupStep> _steps;

    private PortSetup(IReadOnlyList<PortSetupStep> steps) => _steps = steps;

    /// <summary>The steps for a data plane that leaves the port's frames to its own stack too (userspace).</summary>
    public static PortSetup SilencingPortStack { get; } = new([s_mtu, s_address, s_flags, s_ipv6, s_rpFilter]);

    /// <summary>The steps for a data plane that takes the team's frames away from the port's stack (eBPF).</summary>
    public static PortSetup Plain { get; } = new([s_mtu, s_address, s_flagsRestoreOnly]);

    public IReadOnlyList<PortSetupStep> Steps => _steps;

    /// <summary>Applies every step; on failure returns which one and why (the caller restores).</summary>
    public TeamResult Apply(PortSetupContext c)
    {
        bool disruptive = c.Port.Mtu != c.TeamMtu || (c.TeamAddress is MacAddress mac && c.Port.Address != mac);
        TeamResult result = disruptive ? Check(c, c.Links.SetUp(c.Port.IfIndex, false), "bring the port down") : TeamResult.Ok;
        foreach (PortSetupStep step in _steps)
        {
            if (!result.IsSuccess)
            {
                return result;
            }
            result = Check(c, step.Apply(c), step.Doing(c));
        }
        if (result.IsSuccess)
        {
            c.Port.Mtu = c.TeamMtu;
            c.Port.Address = c.TeamAddress ?? c.Port.Address;
            result = Check(c, c.Links.SetUp(c.Port.IfIndex, true), "bring the port up");
        }
        return result;
    }

    /// <summary>Puts every saved setting back; each step is tried even if an earlier one fails.</summary>
    public void Restore(PortSetupContext c, ILogger logger, string team)
    {
        Try(c.Links.SetUp(c.Port.IfIndex, false), "admin state");
        for (int i = 0; i < _steps.Count; i++)
        {
            Try(_steps[i].Restore(c), _steps[i].What);
        }
        if (c.Port.Saved.AdminUp)
        {
            Try(c.Links.SetUp(c.Port.IfIndex, true), "admin state");
        }

        void Try(Errno e, string setting)
        {
            if (!e.IsSuccess && e != Errno.ENODEV)
            {
                Log.RestoreFailed(logger, team, c.Port.Name, setting, e.Message);
            }
        }
    }

    private static TeamResult Check(PortSetupContext c, Errno error, string what) =>
        error.IsSuccess ? TeamResult.Ok : TeamResult.Fail(error, $"Could not {what} on {c.Port.Name}: {error.Message}.");

    private static LinkFlags SavedFlags(PortSavedSettings s) =>
        (s.NoArp ? LinkFlags.NoArp : 0) | (s.Promiscuous ? LinkFlags.Promiscuous : 0) | (s.AllMulticast ? LinkFlags.AllMulticast : 0);
}

namespace NetTeam.Bpf;

/// <summary>The tc verdicts a SCHED_CLS program returns (linux/pkt_cls.h TC_ACT_*).</summary>
public static class TcAction
{
    /// <summary>TC_ACT_OK: the frame carries on (to the stack at ingress, to the qdisc at egress).</summary>
    public const int Ok = 0;

    /// <summary>TC_ACT_SHOT: the frame is dropped.</summary>
    public const int Shot = 2;

    /// <summary>TC_ACT_REDIRECT: what bpf_redirect returns; the frame goes where it said once the program returns.</summary>
    public const int Redirect = 7;

    /// <summary>
    /// TCX_NEXT (enum tcx_action_base, linux/bpf.h, Linux 6.6; not in Debian's 6.1 headers): on a tcx
    /// hook, run the next program of the device's list; any other verdict ends the list.
    /// </summary>
    public const int TcxNext = -1;

    /// <summary>BPF_F_INGRESS (linux/bpf.h): bpf_redirect into the target's receive path rather than out of it.</summary>
    public const int RedirectIngress = 1;
}

namespace NetTeam.Bpf;

/// <summary>Which of a device's tcx hooks (Linux 6.6): frames it receives, or frames it sends.</summary>
public enum TcxDirection
{
    Ingress,
    Egress,
}

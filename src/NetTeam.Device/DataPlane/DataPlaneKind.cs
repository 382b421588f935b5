namespace NetTeam.Device.DataPlane;

/// <summary>Which data plane moves a team's frames.</summary>
public enum DataPlaneKind
{
    /// <summary>The best one this kernel and process allow: eBPF where tcx and the privileges are there, else userspace.</summary>
    Auto,

    /// <summary>One epoll thread copying frames between the TAP and the ports' packet sockets.</summary>
    Userspace,

    /// <summary>tcx programs on the team's egress and the ports' ingress: frames never leave the kernel.</summary>
    Ebpf,
}

namespace NetTeam.Interop.Bpf;

/// <summary>BPF_MAP_UPDATE_ELEM flags (linux/bpf.h): BPF_ANY, BPF_NOEXIST, BPF_EXIST.</summary>
public enum BpfMapUpdate : ulong
{
    /// <summary>Create or replace the element.</summary>
    Any = 0,

    /// <summary>Only create: EEXIST when the key is present.</summary>
    NoExist = 1,

    /// <summary>Only replace: ENOENT when the key is absent.</summary>
    Exist = 2,
}

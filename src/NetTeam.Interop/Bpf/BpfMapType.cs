namespace NetTeam.Interop.Bpf;

/// <summary>enum bpf_map_type (linux/bpf.h): the map kinds NetTeam uses, and their neighbours.</summary>
public enum BpfMapType : uint
{
    Unspecified = 0,
    Hash = 1,
    Array = 2,
    ProgramArray = 3,
    PerfEventArray = 4,
    PerCpuHash = 5,
    PerCpuArray = 6,
    LruHash = 9,
    LruPerCpuHash = 10,
    ArrayOfMaps = 12,
    HashOfMaps = 13,
}

namespace NetTeam.Interop.Bpf;

/// <summary>What BPF_OBJ_GET_INFO_BY_FD tells about a map (struct bpf_map_info).</summary>
public readonly record struct BpfMapInfo(BpfMapType Type, uint Id, uint KeySize, uint ValueSize, uint MaxEntries, uint Flags, string Name);

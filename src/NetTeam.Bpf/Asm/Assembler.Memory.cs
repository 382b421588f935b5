namespace NetTeam.Bpf.Asm;

public sealed partial class Assembler
{
    /// <summary>dst = *(width *)(src + offset), zero-extended (BPF_LDX | BPF_MEM | size).</summary>
    public void Load(Width width, Register dst, Register src, short offset)
    {
        CheckWritable(dst);
        CheckRegister(src);
        Emit((byte)(OpCodes.ClassLdx | OpCodes.ModeMem | (byte)width), dst, src, offset, 0);
    }

    /// <summary>dst = *(signed width *)(src + offset), sign-extended (BPF_LDX | BPF_MEMSX | size, Linux 6.6 / ISA v4).</summary>
    public void LoadSigned(Width width, Register dst, Register src, short offset)
    {
        if (width == Width.DWord)
        {
            throw new ArgumentException("A sign-extending load is 1, 2 or 4 bytes wide.", nameof(width));
        }
        CheckWritable(dst);
        CheckRegister(src);
        Emit((byte)(OpCodes.ClassLdx | OpCodes.ModeMemSx | (byte)width), dst, src, offset, 0);
    }

    /// <summary>*(width *)(dst + offset) = src (BPF_STX | BPF_MEM | size).</summary>
    public void Store(Width width, Register dst, short offset, Register src)
    {
        CheckRegister(dst);
        CheckRegister(src);
        Emit((byte)(OpCodes.ClassStx | OpCodes.ModeMem | (byte)width), dst, src, offset, 0);
    }

    /// <summary>*(width *)(dst + offset) = imm (BPF_ST | BPF_MEM | size); a DWord store sign-extends the immediate.</summary>
    public void StoreImm(Width width, Register dst, short offset, int imm)
    {
        CheckRegister(dst);
        Emit((byte)(OpCodes.ClassSt | OpCodes.ModeMem | (byte)width), dst, Register.R0, offset, imm);
    }

    /// <summary>dst = imm64, in two slots (BPF_LD | BPF_IMM | BPF_DW; the second slot holds the high half).</summary>
    public void LoadImm64(Register dst, long value)
    {
        CheckWritable(dst);
        Emit(OpCodes.LdImm64, dst, Register.R0, 0, (int)value);
        Emit(0, Register.R0, Register.R0, 0, (int)(value >> 32));
    }

    /// <summary>
    /// dst = a pointer to <paramref name="map"/>: a 64-bit immediate load with src = BPF_PSEUDO_MAP_FD,
    /// whose immediate becomes the map's fd when the program is loaded and which the verifier replaces by
    /// the map's address.
    /// </summary>
    public void LoadMap(Register dst, BpfMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        CheckWritable(dst);
        Emit(new Instruction(OpCodes.LdImm64, dst, (Register)OpCodes.PseudoMapFd, 0, 0) { Map = map });
        Emit(0, Register.R0, Register.R0, 0, 0);
    }

    /// <summary>
    /// R0 = bpf_map_lookup_elem(map, fp + keyStackOffset): a pointer to the value or NULL (the verifier
    /// insists on a NULL check, except for an array read with a constant key). Clobbers R1-R5.
    /// </summary>
    public void MapLookup(BpfMap map, short keyStackOffset)
    {
        ArgumentNullException.ThrowIfNull(map);
        CheckStack(keyStackOffset, map.KeySize);
        LoadMap(Register.R1, map);
        Mov64(Register.R2, Register.R10);
        Alu64(AluOp.Add, Register.R2, keyStackOffset);
        Call(Helper.MapLookupElem);
    }

    private static void CheckStack(int stackOffset, int length)
    {
        // The stack is 512 bytes below R10 (MAX_BPF_STACK).
        if (stackOffset < -512 || stackOffset + length > 0 || length <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(stackOffset), stackOffset, $"{length} bytes at fp{stackOffset} are not inside the 512-byte stack.");
        }
    }
}

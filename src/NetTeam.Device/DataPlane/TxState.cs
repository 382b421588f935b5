namespace NetTeam.Device.DataPlane;

/// <summary>
/// Per-data-plane mutable transmit state: roundrobin's packet counter and the random mode's generator
/// (xorshift64*, seeded from the injected randomness so tests are deterministic).
/// </summary>
public struct TxState
{
    public ulong SentPackets;
    public ulong RandomState;

    public TxState(ulong seed)
    {
        SentPackets = 0;
        RandomState = seed == 0 ? 0x9E3779B97F4A7C15UL : seed;
    }

    /// <summary>A uniform number in [0, bound) (prandom_u32_max in the kernel).</summary>
    public uint NextBelow(uint bound)
    {
        ulong x = RandomState;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        RandomState = x;
        uint r = (uint)((x * 0x2545F4914F6CDD1DUL) >> 32);
        return (uint)(((ulong)r * bound) >> 32);
    }
}

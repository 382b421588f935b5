using System.Buffers.Binary;
using NetTeam.Interop;
using NetTeam.Runners.State;

namespace NetTeam.Runners.Lacp;

/// <summary>
/// The 15 octets of an Actor or Partner Information TLV after its type and length: system priority, system,
/// key, port priority, port and state (IEEE 802.1AX-2014 6.4.2.3; teamd's <c>struct lacpdu_info</c>).
/// </summary>
public readonly record struct LacpduInfo(ushort SystemPriority, MacAddress System, ushort Key, ushort PortPriority, ushort Port, LacpState State)
{
    /// <summary>The encoded size of the fields.</summary>
    public const int Size = 15;

    /// <summary>What a defaulted port records as its partner: all zero except a short timeout (observed teamd 1.31, teamd-spec §3.6).</summary>
    public static LacpduInfo DefaultedPartner { get; } = new(0, default, 0, 0, 0, LacpState.Timeout);

    public void Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, SystemPriority);
        System.CopyTo(destination[2..]);
        BinaryPrimitives.WriteUInt16BigEndian(destination[8..], Key);
        BinaryPrimitives.WriteUInt16BigEndian(destination[10..], PortPriority);
        BinaryPrimitives.WriteUInt16BigEndian(destination[12..], Port);
        destination[14] = (byte)State;
    }

    public static LacpduInfo Read(ReadOnlySpan<byte> source) => new(
        BinaryPrimitives.ReadUInt16BigEndian(source),
        new MacAddress(source.Slice(2, 6)),
        BinaryPrimitives.ReadUInt16BigEndian(source[8..]),
        BinaryPrimitives.ReadUInt16BigEndian(source[10..]),
        BinaryPrimitives.ReadUInt16BigEndian(source[12..]),
        (LacpState)source[14]);

    /// <summary>The state dump's <c>actor_lacpdu_info</c> / <c>partner_lacpdu_info</c> object (teamd-spec §3.6), read from <paramref name="info"/>.</summary>
    public static void RegisterState(StateScope scope, Func<LacpduInfo> info)
    {
        ArgumentNullException.ThrowIfNull(info);
        scope.Add("key", StateValue.Int(() => info().Key));
        scope.Add("port", StateValue.Int(() => info().Port));
        scope.Add("port_priority", StateValue.Int(() => info().PortPriority));
        scope.Add("state", StateValue.Int(() => (int)info().State));
        scope.Add("system", StateValue.String(() => info().System.ToString()));
        scope.Add("system_priority", StateValue.Int(() => info().SystemPriority));
    }
}

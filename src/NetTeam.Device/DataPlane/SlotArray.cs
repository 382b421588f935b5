using System.Runtime.CompilerServices;

namespace NetTeam.Device.DataPlane;

/// <summary>One value per port slot (64), laid out inline as a C array is.</summary>
[InlineArray(TeamSnapshot.MaxPorts)]
public struct SlotArray<T>
    where T : unmanaged
{
    private T _element;
}

using System.Runtime.CompilerServices;

namespace NetTeam.Device.DataPlane;

/// <summary>One value per loadbalance hash bucket (256), laid out inline as a C array is.</summary>
[InlineArray(TeamSnapshot.HashBuckets)]
public struct BucketArray<T>
    where T : unmanaged
{
    private T _element;
}

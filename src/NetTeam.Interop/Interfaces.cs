namespace NetTeam.Interop;

/// <summary>Interface name and index lookups (if_nametoindex(3)) in the calling thread's namespace.</summary>
public static unsafe class Interfaces
{
    /// <summary>The ifindex, or 0 when there is no such interface.</summary>
    public static int NameToIndex(string name) => (int)Libc.IfNameToIndex(name);

    public static string? IndexToName(int index)
    {
        byte* buffer = stackalloc byte[16];
        byte* r = Libc.IfIndexToName((uint)index, buffer);
        return r == null ? null : new string((sbyte*)buffer);
    }
}

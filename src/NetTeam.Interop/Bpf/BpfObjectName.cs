using System.Text;

namespace NetTeam.Interop.Bpf;

/// <summary>
/// A BPF object name (map or program): at most 15 ASCII letters, digits, '_' or '.', as
/// kernel/bpf/syscall.c bpf_obj_name_cpy accepts them.
/// </summary>
public static class BpfObjectName
{
    /// <summary>BPF_OBJ_NAME_LEN, with the terminating NUL.</summary>
    public const int Length = 16;

    public static bool IsValid(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length >= Length)
        {
            return false;
        }
        foreach (char c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_' || c == '.'))
            {
                return false;
            }
        }
        return true;
    }

    internal static unsafe void Write(string name, byte* destination)
    {
        new Span<byte>(destination, Length).Clear();
        Encoding.ASCII.GetBytes(name.AsSpan(0, Math.Min(name.Length, Length - 1)), new Span<byte>(destination, Length - 1));
    }

    internal static unsafe string Read(byte* source)
    {
        ReadOnlySpan<byte> bytes = new(source, Length);
        int end = bytes.IndexOf((byte)0);
        return Encoding.ASCII.GetString(end < 0 ? bytes : bytes[..end]);
    }
}

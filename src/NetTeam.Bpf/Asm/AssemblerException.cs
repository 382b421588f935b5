namespace NetTeam.Bpf.Asm;

/// <summary>A program that cannot be assembled: an unknown or duplicate label, or a jump too far. A bug in the generator.</summary>
public sealed class AssemblerException : Exception
{
    public AssemblerException()
    {
    }

    public AssemblerException(string message)
        : base(message)
    {
    }

    public AssemblerException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

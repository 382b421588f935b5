namespace NetTeam.Fuzz;

/// <summary>A parser broke its contract on an input: the finding, with what was expected.</summary>
public sealed class ContractViolation : Exception
{
    public ContractViolation()
    {
    }

    public ContractViolation(string message)
        : base(message)
    {
    }

    public ContractViolation(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public static void That(bool condition, string what)
    {
        if (!condition)
        {
            throw new ContractViolation(what);
        }
    }

    public static void Equal<T>(T expected, T actual, string what)
    {
        if (!EqualityComparer<T>.Default.Equals(expected, actual))
        {
            throw new ContractViolation($"{what}: expected {expected}, got {actual}");
        }
    }
}

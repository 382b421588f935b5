using System.Text;

namespace NetTeam.Fuzz;

/// <summary>
/// One parser fed outside input. <see cref="Run"/> returns a short label of what the input led to (the
/// mutation loop keeps inputs that reach a label it has not seen), and throws <see cref="ContractViolation"/>
/// when the parser broke its contract; any other exception escaping <see cref="Run"/> is a finding too.
/// </summary>
public abstract class FuzzTarget : IDisposable
{
    public abstract string Name { get; }

    /// <summary>What the target feeds and what it asserts, for <c>netteam-fuzz list</c>.</summary>
    public abstract string Description { get; }

    /// <summary>Words the mutator splices in (keys, method names, magic octets), as an AFL dictionary would.</summary>
    public virtual IReadOnlyList<byte[]> Tokens => [];

    /// <summary>Inputs longer than this are cut: a parser's limits are tested by its own unit tests.</summary>
    public virtual int MaxInput => 8192;

    public abstract string Run(ReadOnlySpan<byte> input);

    /// <summary>Sets up what every input needs (a namespace, devices), outside the timed run; called before each, must be idempotent.</summary>
    public virtual void Prepare()
    {
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }

    protected static string Text(ReadOnlySpan<byte> input) => Encoding.UTF8.GetString(input);

    protected static byte[][] Words(params string[] words) => [.. words.Select(Encoding.UTF8.GetBytes)];

    /// <summary>The label of an error message: its text up to the first quote or digit, so values do not make labels.</summary>
    protected static string Label(string prefix, string message)
    {
        int end = message.IndexOfAny(['"', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '\n']);
        string head = end < 0 ? message : message[..end];
        return prefix + ":" + (head.Length > 60 ? head[..60] : head);
    }
}

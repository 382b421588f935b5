using System.Diagnostics;

namespace NetTeam.Fuzz;

/// <summary>
/// One input through one target with the contract every target shares: nothing but a
/// <see cref="FuzzTarget.Run"/> label comes back (no exception escapes), the input is done within
/// <see cref="TimeLimit"/>, and it allocates at most <see cref="AllocationLimit"/> bytes on the way.
/// </summary>
public static class Execution
{
    /// <summary>Far above any parser's time for an 8 KiB input (microseconds to milliseconds): a slower one is stuck.</summary>
    public static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(2);

    /// <summary>A parser of an 8 KiB input that allocates this much is amplifying its input (64 MiB, 8000x).</summary>
    public const long AllocationLimit = 64L * 1024 * 1024;

    /// <summary>The label, or the problem as a finding.</summary>
    public static (string? Label, Finding? Finding) Run(FuzzTarget target, byte[] input)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(input);
        byte[] fed = input.Length > target.MaxInput ? input[..target.MaxInput] : input;
        long allocated = GC.GetAllocatedBytesForCurrentThread();
        long started = Stopwatch.GetTimestamp();
        string label;
        try
        {
            label = target.Run(fed);
        }
        catch (ContractViolation ex)
        {
            return (null, new Finding(target.Name, fed, ex.Message));
        }
        catch (Exception ex)
        {
            return (null, new Finding(target.Name, fed, $"unexpected {ex.GetType().FullName}: {ex.Message}\n{ex.StackTrace}"));
        }
        TimeSpan took = Stopwatch.GetElapsedTime(started);
        if (took > TimeLimit)
        {
            return (null, new Finding(target.Name, fed, $"took {took.TotalSeconds:F1} s (limit {TimeLimit.TotalSeconds} s)"));
        }
        long bytes = GC.GetAllocatedBytesForCurrentThread() - allocated;
        if (bytes > AllocationLimit)
        {
            return (null, new Finding(target.Name, fed, $"allocated {bytes} bytes for a {fed.Length}-byte input (limit {AllocationLimit})"));
        }
        return (label, null);
    }
}

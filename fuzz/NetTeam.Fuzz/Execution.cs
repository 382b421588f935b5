using System.Diagnostics;

namespace NetTeam.Fuzz;

/// <summary>
/// One input through one target with the contract every target shares: nothing but a
/// <see cref="FuzzTarget.Run"/> label comes back (no exception escapes), the input is done within
/// <see cref="TimeLimit"/>, and it allocates at most <see cref="AllocationLimit"/> bytes on the way.
/// </summary>
public static class Execution
{
    /// <summary>
    /// Far above any parser's time for an 8 KiB input (microseconds to milliseconds): a slower one is stuck. An
    /// input over it is run once more and counts only when it is slow again, since a shared machine can stall
    /// a process for seconds (seen: 12 s for an 84-byte ip-link line that takes 0.1 ms).
    /// </summary>
    public static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(5);

    /// <summary>A parser of an 8 KiB input that allocates this much is amplifying its input (64 MiB, 8000x).</summary>
    public const long AllocationLimit = 64L * 1024 * 1024;

    /// <summary>The label, or the problem as a finding.</summary>
    public static (string? Label, Finding? Finding) Run(FuzzTarget target, byte[] input)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(input);
        byte[] fed = input.Length > target.MaxInput ? input[..target.MaxInput] : input;
        target.Prepare();
        (string? label, Finding? finding, TimeSpan took) = Timed(target, fed);
        if (finding is null && took > TimeLimit)
        {
            (label, finding, took) = Timed(target, fed);
            if (finding is null && took > TimeLimit)
            {
                return (null, new Finding(target.Name, fed, $"took {took.TotalSeconds:F1} s twice (limit {TimeLimit.TotalSeconds} s)"));
            }
        }
        return (label, finding);
    }

    private static (string? Label, Finding? Finding, TimeSpan Took) Timed(FuzzTarget target, byte[] fed)
    {
        long allocated = GC.GetAllocatedBytesForCurrentThread();
        long started = Stopwatch.GetTimestamp();
        string label;
        try
        {
            label = target.Run(fed);
        }
        catch (ContractViolation ex)
        {
            return (null, new Finding(target.Name, fed, ex.Message), Stopwatch.GetElapsedTime(started));
        }
        catch (Exception ex)
        {
            return (null, new Finding(target.Name, fed, $"unexpected {ex.GetType().FullName}: {ex.Message}\n{ex.StackTrace}"), Stopwatch.GetElapsedTime(started));
        }
        TimeSpan took = Stopwatch.GetElapsedTime(started);
        long bytes = GC.GetAllocatedBytesForCurrentThread() - allocated;
        if (bytes > AllocationLimit)
        {
            return (null, new Finding(target.Name, fed, $"allocated {bytes} bytes for a {fed.Length}-byte input (limit {AllocationLimit})"), took);
        }
        return (label, null, took);
    }
}

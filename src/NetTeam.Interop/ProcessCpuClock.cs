namespace NetTeam.Interop;

/// <summary>
/// Another process's CPU time as the scheduler counts it, in nanoseconds: every thread's, those that have
/// ended too (the clock clock_getcpuclockid(3) names, read with clock_gettime(2)). /proc's stat has the same
/// only in 10 ms ticks, sampled; each thread's schedstat is exact but loses a thread's time when it ends.
/// </summary>
public static class ProcessCpuClock
{
    // The clock id of a process's CPUCLOCK_SCHED clock (include/linux/posix-timers.h: make_process_cpuclock).
    private const int CpuClockSched = 2;

    /// <summary>The CPU time of process <paramref name="pid"/> so far, or null when it is gone.</summary>
    public static long? Nanoseconds(int pid)
    {
        int clock = (~pid << 3) | CpuClockSched;
        return Libc.ClockGetTime(clock, out Libc.Timespec t) == 0 ? (t.Seconds * 1_000_000_000) + t.Nanoseconds : null;
    }
}

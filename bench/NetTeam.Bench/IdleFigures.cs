namespace NetTeam.Bench;

/// <summary>One build of netteamd, measured by <see cref="IdleBench"/>: the start as the median, fastest and slowest of its samples.</summary>
internal readonly record struct IdleFigures(double ReadyMs, double ReadyMinMs, double ReadyMaxMs, double RestartReadyMs, double ResidentMiB, int Threads, double CpuPercent, double WakeupsPerSecond, string WakeupsByThread, string CpuByThread, bool ThreadEnded);

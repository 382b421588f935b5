namespace NetTeam.Bench;

/// <summary>One build of netteamd, measured by <see cref="IdleBench"/>.</summary>
internal readonly record struct IdleFigures(double ReadyMs, double RestartReadyMs, double ResidentMiB, int Threads, double CpuPercent, double WakeupsPerSecond, string WakeupsByThread, string CpuByThread, bool ThreadEnded);

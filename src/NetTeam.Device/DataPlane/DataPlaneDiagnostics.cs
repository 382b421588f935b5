namespace NetTeam.Device.DataPlane;

/// <summary>
/// What a data plane's own thread has cost so far, for the test that it allocates nothing per frame: bytes
/// allocated by that thread and its wake-ups. A plane without a thread of its own reports zeros.
/// </summary>
public readonly record struct DataPlaneDiagnostics(long AllocatedBytes, long Wakeups);

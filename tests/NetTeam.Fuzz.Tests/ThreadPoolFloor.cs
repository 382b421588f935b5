namespace NetTeam.Fuzz.Tests;

/// <summary>
/// The test host's thread-pool floor: the fuzz loops run on pool threads and wait synchronously for the
/// usock server under test, whose own continuations need pool threads too. With the default floor (one per
/// core) the pool adds threads about once a second, and a reply the server had ready could wait beyond the
/// target's 5 s hang limit (seen once in CI on two cores). A floor of 16 keeps that wait out of the figures.
/// </summary>
internal static class ThreadPoolFloor
{
    private const int Threads = 16;

    public static void Ensure()
    {
        ThreadPool.GetMinThreads(out int workers, out int io);
        if (workers < Threads || io < Threads)
        {
            ThreadPool.SetMinThreads(Math.Max(workers, Threads), Math.Max(io, Threads));
        }
    }
}

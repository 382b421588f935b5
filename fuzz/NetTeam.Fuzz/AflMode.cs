namespace NetTeam.Fuzz;

/// <summary>
/// Under afl-fuzz: SharpFuzz's fork server feeds each input, and the coverage comes from the assemblies that
/// `sharpfuzz` instrumented (fuzz/README.md). A finding must be a crash for AFL, so it is thrown on.
/// </summary>
internal static class AflMode
{
    public static void Run(FuzzTarget target) =>
        SharpFuzz.Fuzzer.OutOfProcess.Run(stream =>
        {
            using MemoryStream buffer = new();
            stream.CopyTo(buffer);
            if (Execution.Run(target, buffer.ToArray()).Finding is Finding f)
            {
                throw new ContractViolation(f.Problem);
            }
        });
}

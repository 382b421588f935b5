namespace NetTeam.Fuzz;

/// <summary>
/// Under afl-fuzz: SharpFuzz's fork server feeds each input, and the coverage comes from the assemblies that
/// `sharpfuzz` instrumented (fuzz/README.md). A finding must be a crash for AFL, so it is thrown on. The target
/// is made inside the callback: instrumented code that runs before SharpFuzz has mapped AFL's coverage
/// memory writes through a null map and the process dies (AccessViolationException, seen with netteamd.dll).
/// </summary>
internal static class AflMode
{
    public static void Run(string name)
    {
        FuzzTarget? target = null;
        SharpFuzz.Fuzzer.OutOfProcess.Run(stream =>
        {
            target ??= FuzzTargets.Create(name);
            using MemoryStream buffer = new();
            stream.CopyTo(buffer);
            if (Execution.Run(target, buffer.ToArray()).Finding is Finding f)
            {
                throw new ContractViolation(f.Problem);
            }
        });
    }
}

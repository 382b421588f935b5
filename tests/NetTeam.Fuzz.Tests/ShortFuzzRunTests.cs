using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace NetTeam.Fuzz.Tests;

/// <summary>
/// Every target's mutation loop for <see cref="SecondsPerTarget"/>, two at a time (the CI machine has two
/// cores): no finding. The seed is fixed so a red run reproduces with netteam-fuzz TARGET --seed; set
/// NETTEAM_FUZZ_SEED to explore further.
/// </summary>
public class ShortFuzzRunTests
{
    /// <summary>16 targets x 20 s over 2 cores: about 160 s of the CI run.</summary>
    public const int SecondsPerTarget = 20;

    public const int Parallelism = 2;

    public ShortFuzzRunTests() => ThreadPoolFloor.Ensure();

    [Fact]
    public void EveryTargetRunsForItsShareOfTheBudgetWithoutAFinding()
    {
        int seed = int.Parse(Environment.GetEnvironmentVariable("NETTEAM_FUZZ_SEED") ?? "1414", CultureInfo.InvariantCulture);
        ConcurrentBag<string> report = [];
        ConcurrentBag<string> findings = [];
        Stopwatch total = Stopwatch.StartNew();
        Parallel.ForEach(FuzzTargets.Names, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, name =>
        {
            using FuzzTarget target = FuzzTargets.Create(name);
            IEnumerable<byte[]> seeds = FuzzTargets.Inputs(FuzzTargets.CorpusDirectory(name)).Concat(FuzzTargets.Inputs(FuzzTargets.CrashDirectory(name))).Select(i => i.Bytes);
            MutationLoop loop = new(target, seeds, seed, findingsDirectory: null);
            loop.Run(TimeSpan.FromSeconds(SecondsPerTarget));
            report.Add($"{name}: {loop.Executions} inputs, {loop.Labels.Count} outcomes");
            Assert.True(loop.Executions > 100, $"{name}: only {loop.Executions} inputs in {SecondsPerTarget} s");
            foreach (Finding f in loop.Findings)
            {
                findings.Add($"{name} (seed {seed}): {f.Problem}\n  input {Convert.ToHexString(f.Input)}");
            }
        });
        Assert.True(findings.IsEmpty, string.Join('\n', findings));
        Assert.True(total.Elapsed < TimeSpan.FromSeconds(SecondsPerTarget * FuzzTargets.Names.Count / Parallelism * 1.5), $"took {total.Elapsed}");
    }
}

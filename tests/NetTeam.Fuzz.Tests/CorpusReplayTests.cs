namespace NetTeam.Fuzz.Tests;

/// <summary>
/// Every seed and every kept crash (fuzz/corpus/*/, fuzz/crashes/*/) through every target: the seeds are
/// real inputs each target must take, the crashes are the inputs that once broke a parser (regressions).
/// </summary>
public class CorpusReplayTests
{
    public CorpusReplayTests() => ThreadPoolFloor.Ensure();

    public static TheoryData<string> Targets => [.. FuzzTargets.Names];

    [Theory]
    [MemberData(nameof(Targets))]
    public void EveryCorpusAndCrashInputKeepsTheContract(string name)
    {
        using FuzzTarget target = FuzzTargets.Create(name);
        List<(string Path, byte[] Bytes)> inputs = [.. FuzzTargets.AllInputs()];
        Assert.True(inputs.Count > 200, $"only {inputs.Count} corpus and crash inputs");
        List<string> broken = [.. inputs.Select(i => (i.Path, Execution.Run(target, i.Bytes).Finding)).Where(r => r.Finding is not null).Select(r => $"{r.Path}: {r.Finding!.Problem}")];
        Assert.True(broken.Count == 0, $"{broken.Count} inputs break {name}:\n" + string.Join('\n', broken.Take(10)));
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void EveryTargetHasASeedCorpus(string name)
    {
        List<(string Path, byte[] Bytes)> seeds = [.. FuzzTargets.Inputs(FuzzTargets.CorpusDirectory(name))];
        Assert.True(seeds.Count >= 3, $"{name}: {seeds.Count} seeds in {FuzzTargets.CorpusDirectory(name)}");
    }

    [Fact]
    public void KeptCrashesAreReplayedByTheirOwnTargetWithoutAFinding()
    {
        foreach (string name in FuzzTargets.Names)
        {
            using FuzzTarget target = FuzzTargets.Create(name);
            foreach ((string path, byte[] bytes) in FuzzTargets.Inputs(FuzzTargets.CrashDirectory(name)))
            {
                (string? label, Finding? finding) = Execution.Run(target, bytes);
                Assert.True(finding is null, $"{path}: {finding?.Problem}");
                Assert.False(string.IsNullOrEmpty(label));
            }
        }
    }
}

using System.Globalization;

namespace NetTeam.Fuzz;

/// <summary>
/// netteam-fuzz list | TARGET [--seconds N] [--corpus DIR] [--findings DIR] [--seed N] | TARGET --replay FILE... |
/// TARGET --afl (under afl-fuzz, through SharpFuzz; see fuzz/README.md). Exit code 0: no finding; 1: findings; 2: usage.
/// </summary>
internal static class Cli
{
    public static int Run(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help")
        {
            Console.Error.WriteLine("usage: netteam-fuzz list | TARGET [--seconds N] [--corpus DIR] [--findings DIR] [--seed N] | TARGET --replay FILE... | TARGET --afl");
            return 2;
        }
        if (args[0] == "list")
        {
            foreach (string name in FuzzTargets.Names)
            {
                using FuzzTarget t = FuzzTargets.Create(name);
                Console.WriteLine($"{name,-14} {t.Description}");
            }
            return 0;
        }
        if (args.Contains("--afl"))
        {
            AflMode.Run(args[0]);
            return 0;
        }
        if (args[0] == "write-corpus")
        {
            SeedCorpus.Write(Path.GetDirectoryName(FuzzTargets.FuzzDirectory())!);
            return 0;
        }
        using FuzzTarget target = FuzzTargets.Create(args[0]);
        string[] rest = args[1..];
        int replay = Array.IndexOf(rest, "--replay");
        if (replay >= 0)
        {
            return Replay(target, rest[(replay + 1)..]);
        }
        double seconds = double.Parse(Option(rest, "--seconds") ?? "60", CultureInfo.InvariantCulture);
        string corpus = Option(rest, "--corpus") ?? FuzzTargets.CorpusDirectory(target.Name);
        string findings = Option(rest, "--findings") ?? Path.Combine(FuzzTargets.FuzzDirectory(), "findings", target.Name);
        int seed = int.Parse(Option(rest, "--seed") ?? Environment.TickCount.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        IEnumerable<byte[]> seeds = FuzzTargets.Inputs(corpus).Concat(FuzzTargets.Inputs(FuzzTargets.CrashDirectory(target.Name))).Select(i => i.Bytes);
        MutationLoop loop = new(target, seeds, seed, findings);
        loop.Run(TimeSpan.FromSeconds(seconds));
        Console.WriteLine($"{target.Name}: {loop.Executions} inputs in {seconds} s (seed {seed}), {loop.Labels.Count} outcomes, corpus {loop.CorpusSize}, {loop.Findings.Count} findings");
        foreach (Finding f in loop.Findings)
        {
            Console.WriteLine($"  {Path.Combine(findings, f.FileName)}: {f.Problem}");
        }
        return loop.Findings.Count == 0 ? 0 : 1;
    }

    private static int Replay(FuzzTarget target, string[] files)
    {
        int failed = 0;
        foreach (string file in files)
        {
            (string? label, Finding? finding) = Execution.Run(target, File.ReadAllBytes(file));
            Console.WriteLine(finding is null ? $"{file}: {label}" : $"{file}: FINDING {finding.Problem}");
            failed += finding is null ? 0 : 1;
        }
        return failed == 0 ? 0 : 1;
    }

    private static string? Option(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}

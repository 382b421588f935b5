using System.Diagnostics;

namespace NetTeam.Fuzz;

/// <summary>
/// The default mode (no AFL needed): mutate corpus inputs for a given time, keep a mutant that reaches a label
/// no input reached before (a cheap stand-in for coverage), and collect every finding. A watchdog thread ends
/// the process when one input runs past <see cref="HangLimit"/>, after writing it to the findings directory,
/// since a stuck parser cannot be interrupted in .NET.
/// </summary>
public sealed class MutationLoop
{
    public static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(30);

    /// <summary>The in-memory corpus stays this small, so that mutants of rare outcomes still get picked.</summary>
    public const int MaxCorpus = 2048;

    private readonly FuzzTarget _target;
    private readonly List<byte[]> _corpus;
    private readonly HashSet<string> _labels = [];
    private readonly Random _random;
    private readonly string? _findings;
    private readonly int _seeds;

    public MutationLoop(FuzzTarget target, IEnumerable<byte[]> seeds, int seed, string? findingsDirectory)
    {
        ArgumentNullException.ThrowIfNull(target);
        _target = target;
        _corpus = [.. seeds];
        if (_corpus.Count == 0)
        {
            _corpus.Add([]);
        }
        _seeds = _corpus.Count;
        _random = new Random(seed);
        _findings = findingsDirectory;
    }

    public long Executions { get; private set; }

    public int CorpusSize => _corpus.Count;

    public IReadOnlyCollection<string> Labels => _labels;

    public List<Finding> Findings { get; } = [];

    public void Run(TimeSpan duration, int maxFindings = 20)
    {
        _target.Prepare();
        Mutator mutator = new(_random, _target.Tokens);
        byte[]? current = null;
        long currentSince = 0;
        using CancellationTokenSource done = new();
        Thread watchdog = new(() => Watch(() => (current, currentSince), done.Token)) { IsBackground = true, Name = "fuzz watchdog " + _target.Name };
        watchdog.Start();
        try
        {
            foreach (byte[] seed in _corpus.ToArray())
            {
                current = seed;
                currentSince = Stopwatch.GetTimestamp();
                Record(seed, Execution.Run(_target, seed));
            }
            long end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
            while (Stopwatch.GetTimestamp() < end && Findings.Count < maxFindings)
            {
                byte[] input = mutator.Mutate(_corpus[_random.Next(_corpus.Count)], _corpus, _target.MaxInput);
                current = input;
                currentSince = Stopwatch.GetTimestamp();
                Record(input, Execution.Run(_target, input));
            }
        }
        finally
        {
            current = null;
            done.Cancel();
        }
    }

    private void Record(byte[] input, (string? Label, Finding? Finding) result)
    {
        Executions++;
        if (result.Finding is Finding f)
        {
            if (!Findings.Exists(x => x.Problem == f.Problem))
            {
                Findings.Add(f);
                Save(f.FileName, f.Input, f.Problem);
            }
        }
        else if (_labels.Add(result.Label!))
        {
            // Beyond MaxCorpus a new outcome takes the place of a random mutant, never of a seed.
            if (_corpus.Count < MaxCorpus)
            {
                _corpus.Add(input);
            }
            else
            {
                _corpus[_seeds + _random.Next(_corpus.Count - _seeds)] = input;
            }
        }
    }

    private void Save(string name, byte[] input, string problem)
    {
        if (_findings is null)
        {
            return;
        }
        Directory.CreateDirectory(_findings);
        File.WriteAllBytes(Path.Combine(_findings, name), input);
        File.WriteAllText(Path.Combine(_findings, name + ".txt"), problem + "\n");
    }

    private void Watch(Func<(byte[]? Input, long Since)> current, CancellationToken done)
    {
        while (!done.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(250)))
        {
            (byte[]? input, long since) = current();
            if (input is not null && Stopwatch.GetElapsedTime(since) > HangLimit)
            {
                Finding hang = new(_target.Name, input, $"hang: one input ran for more than {HangLimit.TotalSeconds} s");
                Save("hang-" + hang.FileName["crash-".Length..], input, hang.Problem);
                try
                {
                    // What the target made outside the process (the eBPF targets' namespace) goes before the process does.
                    _target.Dispose();
                }
                catch (Exception ex)
                {
                    Console.Error.WriteLine($"netteam-fuzz {_target.Name}: cleaning up after the hang: {ex.Message}");
                }
                Environment.FailFast($"netteam-fuzz {_target.Name}: {hang.Problem}; input ({input.Length} bytes) {Convert.ToHexString(input)}");
            }
        }
    }
}

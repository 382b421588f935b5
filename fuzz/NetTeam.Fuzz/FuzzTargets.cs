using NetTeam.Fuzz.Targets;

namespace NetTeam.Fuzz;

/// <summary>Every target, by name, and where their corpus and regression inputs live in the repository.</summary>
public static class FuzzTargets
{
    public static IReadOnlyList<string> Names { get; } = [.. CreateAll().Select(t => { using (t) { return t.Name; } })];

    /// <summary>The eBPF targets need root and BPF_PROG_TEST_RUN (and make a namespace of veth pairs on first use).</summary>
    public static bool NeedsRoot(string name) => name.EndsWith("-ebpf", StringComparison.Ordinal);

    public static FuzzTarget Create(string name) =>
        CreateAll().Aggregate((FuzzTarget?)null, (found, t) =>
        {
            if (found is null && t.Name == name)
            {
                return t;
            }
            t.Dispose();
            return found;
        }) ?? throw new ArgumentException($"no fuzz target \"{name}\" (netteam-fuzz list names them)", nameof(name));

    private static FuzzTarget[] CreateAll() =>
    [
        new ConfigTarget(),
        new BondTarget(BondTarget.BondForm.ModuleOptions),
        new BondTarget(BondTarget.BondForm.IpLink),
        new BondTarget(BondTarget.BondForm.Ifupdown),
        new UsockCodecTarget(),
        new UsockServerTarget(),
        new UsockClientTarget(),
        new SlowFrameTarget(marker: false),
        new SlowFrameTarget(marker: true),
        new LacpPortTarget(),
        new ProbeReplyTarget(nsna: false),
        new ProbeReplyTarget(nsna: true),
        new FramePathTarget(ebpf: false, rx: false),
        new FramePathTarget(ebpf: false, rx: true),
        new FramePathTarget(ebpf: true, rx: false),
        new FramePathTarget(ebpf: true, rx: true),
    ];

    /// <summary>The repository's fuzz/ directory: found upwards from the binary, else from the working directory.</summary>
    public static string FuzzDirectory()
    {
        foreach (string start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (DirectoryInfo? d = new(start); d is not null; d = d.Parent)
            {
                if (File.Exists(Path.Combine(d.FullName, "NetTeam.slnx")))
                {
                    return Path.Combine(d.FullName, "fuzz");
                }
            }
        }
        throw new DirectoryNotFoundException("no NetTeam.slnx above the binary or the working directory");
    }

    public static string CorpusDirectory(string target) => Path.Combine(FuzzDirectory(), "corpus", target);

    public static string CrashDirectory(string target) => Path.Combine(FuzzDirectory(), "crashes", target);

    /// <summary>The inputs of a directory (not the .txt notes beside kept crashes), in name order; none when it does not exist.</summary>
    public static IEnumerable<(string Path, byte[] Bytes)> Inputs(string directory) =>
        Directory.Exists(directory)
            ? Directory.GetFiles(directory).Where(f => !f.EndsWith(".txt", StringComparison.Ordinal) && !f.EndsWith(".md", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal).Select(f => (f, File.ReadAllBytes(f)))
            : [];

    /// <summary>Every corpus and crash input of every target: each target must survive them all.</summary>
    public static IEnumerable<(string Path, byte[] Bytes)> AllInputs() =>
        Names.SelectMany(n => Inputs(CorpusDirectory(n)).Concat(Inputs(CrashDirectory(n))));
}

using System.Globalization;
using System.Text.RegularExpressions;
using NetTeam.Bpf;
using NetTeam.Device.DataPlane;
using NetTeam.Device.DataPlane.Ebpf;
using NetTeam.Interop;
using NetTeam.Interop.Bpf;
using Xunit.Abstractions;

namespace NetTeam.Device.Ebpf.Tests;

/// <summary>Every generated program goes through the real verifier; the sizes and verifier costs are measured and printed.</summary>
public sealed partial class ProgramLoadTests : IDisposable
{
    private readonly ITestOutputHelper _output;
    private readonly TeamMaps _maps;

    public ProgramLoadTests(ITestOutputHelper output)
    {
        _output = output;
        BpfError err = TeamMaps.Create(out TeamMaps? maps);
        Assert.True(err.IsSuccess, err.Message);
        _maps = maps!;
    }

    public static TheoryData<ModeKind> Modes => [.. Enum.GetValues<ModeKind>()];

    [Theory]
    [MemberData(nameof(Modes))]
    public void TxAndRxProgramsOfEveryModeLoad(ModeKind mode)
    {
        Measure(TxProgram.Generate(mode, HashFragments.Default, _maps));
        Measure(RxProgram.Generate(mode, _maps));
    }

    [Fact]
    public void LoadBalanceLoadsForEveryFragmentSet()
    {
        // All 128 subsets of the seven fragments, each single fragment among them.
        for (int bits = 0; bits < 128; bits++)
        {
            ProgramSpec spec = TxProgram.Generate(ModeKind.LoadBalance, (HashFragments)bits, _maps);
            Assert.Equal($"nt_tx_lb_{bits:x2}", spec.Name);
            BpfError err = BpfProgram.Load(spec, out BpfProgram? program);
            Assert.True(err.IsSuccess, $"fragments {(HashFragments)bits}: {err.Message}");
            program!.Dispose();
        }
    }

    [Fact]
    public void FragmentsDecideWhichLoadsAreEmitted()
    {
        int none = TxProgram.Generate(ModeKind.LoadBalance, HashFragments.None, _maps).Instructions.Count;
        int eth = TxProgram.Generate(ModeKind.LoadBalance, HashFragments.Eth, _maps).Instructions.Count;
        int ipv4 = TxProgram.Generate(ModeKind.LoadBalance, HashFragments.Ipv4, _maps).Instructions.Count;
        int l3l4 = TxProgram.Generate(ModeKind.LoadBalance, HashFragments.L3 | HashFragments.L4, _maps).Instructions.Count;
        int all = TxProgram.Generate(ModeKind.LoadBalance, (HashFragments)127, _maps).Instructions.Count;
        Assert.True(none < eth && eth < ipv4 && ipv4 < l3l4 && l3l4 < all, $"{none} {eth} {ipv4} {l3l4} {all}");
    }

    [Fact]
    public void MeasuredSizesAndVerifierCost()
    {
        _output.WriteLine("program            insns  xlated  jited  verified  states  verifier_us  load_ms");
        foreach (ModeKind mode in Enum.GetValues<ModeKind>())
        {
            Measure(TxProgram.Generate(mode, HashFragments.Default, _maps));
        }
        foreach (HashFragments f in new[] { HashFragments.None, HashFragments.Eth, HashFragments.Ipv4 | HashFragments.Udp, HashFragments.L3 | HashFragments.L4, (HashFragments)127 })
        {
            Measure(TxProgram.Generate(ModeKind.LoadBalance, f, _maps));
        }
        foreach (ModeKind mode in Enum.GetValues<ModeKind>())
        {
            Measure(RxProgram.Generate(mode, _maps));
        }
    }

    public void Dispose() => _maps.Dispose();

    private void Measure(ProgramSpec spec)
    {
        BpfError err = BpfProgram.Load(spec, BpfLogLevel.Stats, out BpfProgram? program);
        Assert.True(err.IsSuccess, err.Message);
        using (program)
        {
            Assert.Equal(Errno.Success, program!.GetInfo(out BpfProgramInfo info));
            Assert.Equal(spec.Name, info.Name);
            Assert.True(info.VerifiedInstructions >= 1);
            string log = program.VerifierLog ?? string.Empty;
            string states = Number(StatesRegex(), log);
            string micros = Number(TimeRegex(), log);
            _output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{spec.Name,-18} {spec.Instructions.Count,5}  {info.XlatedLength / 8,6}  {info.JitedLength,5}  {info.VerifiedInstructions,8}  {states,6}  {micros,11}  {program.LoadTime.TotalMilliseconds,7:F2}"));
        }
    }

    private static string Number(Regex regex, string log)
    {
        Match m = regex.Match(log);
        return m.Success ? m.Groups[1].Value : "?";
    }

    [GeneratedRegex(@"total_states (\d+)")]
    private static partial Regex StatesRegex();

    [GeneratedRegex(@"verification time (\d+) usec")]
    private static partial Regex TimeRegex();
}

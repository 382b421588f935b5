using System.Globalization;
using NetTeam.Device.DataPlane;

namespace NetTeam.Bench;

/// <summary>The options the failover and restart commands share: `[--trials N] [--plane userspace|ebpf|both]`.</summary>
internal sealed record TrialOptions(int Trials, List<DataPlaneKind> Planes)
{
    public static TrialOptions Parse(string[] args)
    {
        int trials = 10;
        List<DataPlaneKind> planes = [DataPlaneKind.Userspace, DataPlaneKind.Ebpf];
        for (int i = 0; i + 1 < args.Length; i += 2)
        {
            if (args[i] == "--trials")
            {
                trials = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            }
            else if (args[i] == "--plane" && args[i + 1] != "both")
            {
                planes = [args[i + 1] == "ebpf" ? DataPlaneKind.Ebpf : DataPlaneKind.Userspace];
            }
        }
        return new TrialOptions(trials, planes);
    }
}

using NetTeam.Interop;

namespace NetTeam.Device.DataPlane.Userspace;

/// <summary>
/// Reads a transmitting port's carrier at most once a millisecond (one ETHTOOL_GLINK ioctl, no allocation):
/// a lost carrier then stops the traffic to a dead port within a millisecond, where the rtnetlink event can
/// take up to a second (see <see cref="CarrierProbe"/>). Driven by transmissions, so idle ports cost nothing.
/// Used from the data plane thread only.
/// </summary>
internal sealed class CarrierSampler : IDisposable
{
    private static readonly long s_interval = System.Diagnostics.Stopwatch.Frequency / 1000;
    private readonly CarrierProbe _probe;

    private CarrierSampler(CarrierProbe probe) => _probe = probe;

    /// <summary>Opens the probe socket; the caller is in the team's network namespace.</summary>
    public static Errno Open(out CarrierSampler? sampler)
    {
        Errno err = CarrierProbe.Open(out CarrierProbe? probe);
        sampler = err.IsSuccess && probe is not null ? new CarrierSampler(probe) : null;
        return err;
    }

    /// <summary>Samples <paramref name="port"/> if its interval has passed; true when its carrier changed.</summary>
    public bool SampleChanged(PortSocket port)
    {
        long now = System.Diagnostics.Stopwatch.GetTimestamp();
        if (now < port.NextCarrierCheck)
        {
            return false;
        }
        port.NextCarrierCheck = now + s_interval;
        if (_probe.IsUp(port.Name, out bool up).IsSuccess && up != port.Carrier)
        {
            port.Carrier = up;
            return true;
        }
        return false;
    }

    public void Dispose() => _probe.Dispose();
}

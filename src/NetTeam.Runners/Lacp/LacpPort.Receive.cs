using NetTeam.Interop;

namespace NetTeam.Runners.Lacp;

/// <summary>The port's receive side: Slow Protocols frames, checked, then LACPDUs and Marker PDUs.</summary>
internal sealed partial class LacpPort
{
    private void OnFrame(ReadOnlySpan<byte> frame, ushort? vlanId)
    {
        if (frame.Length <= SlowProtocols.HeaderLength)
        {
            Illegal(SlowFrameError.Truncated);
            return;
        }
        byte subtype = frame[SlowProtocols.HeaderLength];
        SlowFrameError err = subtype switch
        {
            SlowProtocols.LacpSubtype => ReadLacpdu(frame),
            SlowProtocols.MarkerSubtype => ReadMarker(frame),
            _ => SlowFrameError.None,
        };
        if (subtype is not (SlowProtocols.LacpSubtype or SlowProtocols.MarkerSubtype))
        {
            Counters.UnknownRx++;
        }
        else if (err != SlowFrameError.None)
        {
            Illegal(err);
        }
    }

    private SlowFrameError ReadLacpdu(ReadOnlySpan<byte> frame)
    {
        SlowFrameError err = Lacpdu.TryRead(frame, out Lacpdu pdu);
        if (err == SlowFrameError.None)
        {
            Received(pdu);
        }
        return err;
    }

    private SlowFrameError ReadMarker(ReadOnlySpan<byte> frame)
    {
        SlowFrameError err = MarkerPdu.TryRead(frame, out MarkerPdu marker);
        if (err == SlowFrameError.None)
        {
            MarkerReceived(marker);
        }
        return err;
    }

    /// <summary>The port's Slow Protocols counters and its channel's, for NetTeam's Statistics method.</summary>
    public System.Text.Json.Nodes.JsonObject CountersJson()
    {
        System.Text.Json.Nodes.JsonObject o = Counters.ToJson();
        o["channel_received"] = _channel?.Received ?? 0;
        o["channel_dropped_oversized"] = _channel?.Dropped ?? 0;
        o["channel_dropped_queue_full"] = _channel?.Overflowed ?? 0;
        return o;
    }

    private void Illegal(SlowFrameError error)
    {
        Counters.CountIllegal(error);
        // Log the 1st, 2nd, 4th, 8th, ... so a flood of garbage cannot flood the log.
        if ((Counters.IllegalRx & (Counters.IllegalRx - 1)) == 0)
        {
            _host.Log($"{Port.Name}: dropped a {error.ToString().ToLowerInvariant()} Slow Protocols frame ({Counters.IllegalRx} so far).");
        }
    }

    /// <summary>A valid LACPDU: record the partner, go CURRENT, answer a stale view of us (teamd lacpdu_recv; 802.1AX-2014 6.4.12 CURRENT).</summary>
    internal void Received(in Lacpdu pdu)
    {
        Counters.LacpduRx++;
        if (State == LacpPortState.Disabled)
        {
            // No link (or a link watch says down): ignore it, as OVS does with PDUs that beat a carrier report.
            Counters.IgnoredRx++;
            return;
        }
        RememberPartner(pdu.Actor);
        Partner = pdu.Actor;
        State = LacpPortState.Current;
        _currentWhile.Start(_config.FastRate ? ShortTimeout : LongTimeout);
        _runner.Reselect();
        if (pdu.Partner != Actor)
        {
            _ntt = true;
        }
        _runner.Flush();
    }

    private void MarkerReceived(in MarkerPdu marker)
    {
        if (marker.IsResponse)
        {
            // We never send Marker Information (no Marker Generator), so a response is only counted.
            Counters.MarkerResponseRx++;
            return;
        }
        Counters.MarkerRx++;
        if (State == LacpPortState.Disabled || _channel is null)
        {
            return;
        }
        if (!_marker.TryAnswer())
        {
            Counters.MarkerRateLimited++;
            return;
        }
        Span<byte> frame = stackalloc byte[SlowProtocols.FrameLength];
        MarkerPdu.Write(frame, Port.PermanentAddress, response: true, marker.RequesterPort, marker.RequesterSystem, marker.TransactionId);
        if (_channel.Send(frame).IsSuccess)
        {
            Counters.MarkerResponseTx++;
        }
        else
        {
            Counters.TxErrors++;
        }
    }

    private string MemoryKey => $"lacp.{Port.Name}.partner";

    /// <summary>The partner as it last described itself, kept for a successor daemon (written only when it changes).</summary>
    private void RememberPartner(in LacpduInfo partner)
    {
        if (partner != Partner)
        {
            byte[] bytes = new byte[LacpduInfo.Size];
            partner.Write(bytes);
            _host.Memory.Remember(MemoryKey, System.Text.Json.Nodes.JsonValue.Create(Convert.ToHexString(bytes)));
        }
    }

    /// <summary>
    /// After a crash or a handover: the partner a predecessor last heard from is taken as current, so this port
    /// speaks at once with the sync, collecting and distributing bits the partner knows, and the partner never
    /// sees us leave. Its next LACPDU (within a second at fast rate) corrects anything stale. False when nothing
    /// was kept for this port.
    /// </summary>
    public bool Resume()
    {
        if (_host.Memory.Recall(MemoryKey)?.GetValue<string>() is not string hex || hex.Length != 2 * LacpduInfo.Size)
        {
            return false;
        }
        Partner = LacpduInfo.Read(Convert.FromHexString(hex));
        State = LacpPortState.Current;
        _currentWhile.Start(_config.FastRate ? ShortTimeout : LongTimeout);
        _ntt = true;
        return true;
    }

    /// <summary>The port left the team: nothing of its partner is kept for a successor.</summary>
    public void Forget() => _host.Memory.Remember(MemoryKey, null);
}

using System.Text;
using CsCheck;
using NetTeam.Control.Protocol;
using NetTeam.Interop;
using NetTeam.Runners.Lacp;

namespace NetTeam.Fuzz.Tests;

/// <summary>
/// The round trips from the other side, property-based (CsCheck): generated PDUs and arguments encode to
/// something the decoder reads back unchanged, so the fuzz targets' canonical forms are the encoders' output.
/// </summary>
public class RoundTripPropertyTests
{
    private static readonly Gen<MacAddress> s_mac = Gen.Byte.Array[6].Select(b => new MacAddress(b));

    private static readonly Gen<LacpduInfo> s_info = Gen.Select(Gen.UShort, s_mac, Gen.UShort, Gen.UShort, Gen.UShort, Gen.Byte)
        .Select((prio, system, key, portPrio, port, state) => new LacpduInfo(prio, system, key, portPrio, port, (LacpState)state));

    [Fact]
    public void EveryLacpduDecodesToWhatWasWritten() =>
        Gen.Select(s_mac, s_info, s_info).Sample((source, actor, partner) =>
        {
            byte[] frame = new byte[SlowProtocols.FrameLength];
            Lacpdu.Write(frame, source, actor, partner);
            return Lacpdu.TryRead(frame, out Lacpdu pdu) == SlowFrameError.None && pdu == new Lacpdu(1, actor, partner, 0);
        });

    [Fact]
    public void EveryMarkerDecodesToWhatWasWritten() =>
        Gen.Select(s_mac, Gen.Bool, Gen.UShort, s_mac, Gen.UInt).Sample((source, response, port, system, transaction) =>
        {
            byte[] frame = new byte[SlowProtocols.FrameLength];
            MarkerPdu.Write(frame, source, response, port, system, transaction);
            return MarkerPdu.TryRead(frame, out MarkerPdu pdu) == SlowFrameError.None && pdu == new MarkerPdu(1, response, port, system, transaction);
        });

    [Fact]
    public void EveryRequestsArgumentsSurviveTheUsockFraming() =>
        Gen.String[Gen.OneOf(Gen.Char['\0', '\x7f'], Gen.Char["\n\\"]), 0, 40].Array[2].Sample(args =>
        {
            Dictionary<string, int> methods = new() { ["PortConfigUpdate"] = 2 };
            string message = Encoding.UTF8.GetString(UsockCodec.EncodeRequest("PortConfigUpdate", args));
            // An empty argument is an empty line, which the framing skips (teamd_usock_msg_getline): it cannot be sent.
            UsockCodec.ParseResult expected = args.Any(a => a.Length == 0) ? UsockCodec.ParseResult.InvalidArgs : UsockCodec.ParseResult.Ok;
            UsockCodec.ParseResult result = UsockCodec.TryParseRequest(message, methods, out _, out string[] back);
            return result == expected && (result != UsockCodec.ParseResult.Ok || back.SequenceEqual(args));
        });

    [Fact]
    public void StateDumpsOfAnyShapeRenderAsAStateView() =>
        Gen.String.Array[0, 6].Sample(keys =>
        {
            System.Text.Json.Nodes.JsonObject dump = [];
            foreach (string k in keys.Distinct())
            {
                dump[k] = k.Length % 3 == 0 ? 1 : k.Length % 3 == 1 ? "x" : new System.Text.Json.Nodes.JsonArray();
            }
            dump["setup"] = keys.Length % 2 == 0 ? "lacp" : new System.Text.Json.Nodes.JsonObject { ["runner_name"] = "lacp" };
            dump["ports"] = new System.Text.Json.Nodes.JsonObject { ["eth0"] = keys.Length, ["eth1"] = new System.Text.Json.Nodes.JsonObject { ["runner"] = "x", ["link"] = 3 } };
            _ = Control.Client.StateView.Render(dump, verbose: true);
            return true;
        });
}

using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;
using NetTeam.Control.Client;
using NetTeam.Control.Protocol;

namespace NetTeam.Cli;

/// <summary>What a command runs with: the connection, the options and the two outputs, and teamdctl's ways of printing replies.</summary>
internal sealed record CtlContext(TeamdClient Client, CtlOptions Options, TextWriter Stdout, TextWriter Stderr)
{
    /// <summary>The team the command is for.</summary>
    public string Team { get; init; } = string.Empty;

    /// <summary>Whether stdout is a terminal (top draws its live view only on one).</summary>
    public bool Terminal { get; init; }

    /// <summary>The reply's JSON; false, with the error on stderr, when the daemon refused or sent no JSON.</summary>
    public bool TryJson(ControlReply reply, [NotNullWhen(true)] out JsonNode? json)
    {
        json = null;
        if (Refused(reply))
        {
            return false;
        }
        try
        {
            json = StrictJson.Parse(reply.Payload!);
            return json is not null;
        }
        catch (JsonException)
        {
            Stderr.WriteLine("The daemon's reply is not JSON.");
            return false;
        }
    }

    /// <summary>A JSON reply as teamdctl prints dumps (indented, or on one line with -o), after an optional edit.</summary>
    public int PrintJson(ControlReply reply, Action<JsonNode>? edit = null)
    {
        if (!TryJson(reply, out JsonNode? json))
        {
            return 1;
        }
        edit?.Invoke(json);
        Stdout.WriteLine(StateView.FormatJson(json, Options.OneLine));
        return 0;
    }

    /// <summary>A reply whose payload is printed as it is (state item get).</summary>
    public int PrintPayload(ControlReply reply)
    {
        if (Refused(reply))
        {
            return 1;
        }
        Stdout.WriteLine(reply.Payload);
        return 0;
    }

    /// <summary>A reply that prints nothing on success (set, add, remove, update).</summary>
    public int Quiet(ControlReply reply) => Refused(reply) ? 1 : 0;

    /// <summary>Whether the daemon refused; then teamdctl's three lines for its error reply are on stderr.</summary>
    private bool Refused(ControlReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        if (reply.Error is not ControlError error)
        {
            return false;
        }
        Stderr.WriteLine($"netteamctl: usock: Error message received: \"{error.Code}\"");
        Stderr.WriteLine($"netteamctl: usock: Error message content: \"{error.Message}\"");
        Stderr.WriteLine("command call failed (Invalid argument)");
        return true;
    }
}

using System.Globalization;
using System.Text.Json;

namespace NetTeam.Runners.State;

/// <summary>
/// One leaf of the state tree: a typed getter and, for a writable item, a typed setter (teamd_state.h
/// <c>struct teamd_state_val</c>: type, getter, setter). The getter is called at every read, so the value is
/// always the owner's current one; a setter receives the text of <c>state item set</c> parsed to its type.
/// </summary>
public sealed class StateValue
{
    private readonly Func<string> _text;
    private readonly Func<string, StateSetResult>? _set;

    private StateValue(StateValueType type, Func<string> text, Func<string, StateSetResult>? set)
    {
        Type = type;
        _text = text;
        _set = set;
    }

    public StateValueType Type { get; }

    public bool IsWritable => _set is not null;

    /// <summary>The value as <c>state item get</c> prints it: a string as it is, a bool as true/false, an int in decimal.</summary>
    public string Text => _text();

    /// <summary>
    /// An integer. The setter sees only an unsigned decimal (as <c>setup.debug_level</c> has always been
    /// parsed); any other text is refused before it is called.
    /// </summary>
    public static StateValue Int(Func<long> get, Func<long, StateSetResult>? set = null)
    {
        ArgumentNullException.ThrowIfNull(get);
        return new(StateValueType.Int, () => get().ToString(CultureInfo.InvariantCulture), set is null ? null : text =>
            long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long value)
                ? set(value)
                : StateSetResult.Refused($"\"{text}\" is not a number"));
    }

    public static StateValue String(Func<string> get, Func<string, StateSetResult>? set = null)
    {
        ArgumentNullException.ThrowIfNull(get);
        return new(StateValueType.String, get, set);
    }

    /// <summary>A bool; the setter sees "true" or "false" (teamd's strcmp), any other text is refused.</summary>
    public static StateValue Bool(Func<bool> get, Func<bool, StateSetResult>? set = null)
    {
        ArgumentNullException.ThrowIfNull(get);
        return new(StateValueType.Bool, () => get() ? "true" : "false", set is null ? null : text => text switch
        {
            "true" => set(true),
            "false" => set(false),
            _ => StateSetResult.Refused($"\"{text}\" is not a bool (expected true or false)"),
        });
    }

    /// <summary>Parses <paramref name="text"/> to the value's type and calls the setter; the caller checks <see cref="IsWritable"/>.</summary>
    public StateSetResult Set(string text) =>
        _set is null ? throw new InvalidOperationException("The state value is read-only.") : _set(text);

    /// <summary>The value as JSON: a string quoted, an int or bool bare.</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (Type == StateValueType.String)
        {
            writer.WriteStringValue(Text);
        }
        else
        {
            writer.WriteRawValue(Text, skipInputValidation: true);
        }
    }
}

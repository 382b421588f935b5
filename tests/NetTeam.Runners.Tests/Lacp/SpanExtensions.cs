namespace NetTeam.Runners.Tests.Lacp;

internal static class SpanExtensions
{
    /// <summary>Copies <paramref name="prefix"/> to the start of <paramref name="span"/> and returns the span.</summary>
    public static Span<byte> Also(this Span<byte> span, ReadOnlySpan<byte> prefix)
    {
        prefix.CopyTo(span);
        return span;
    }
}

namespace NetTeam.Fuzz;

/// <summary>
/// AFL's havoc stage in small (afl-fuzz's docs/technical_details.md): a stack of 1 to 8 byte flips,
/// interesting values, inserts, deletes, duplicated ranges, splices with another input and dictionary tokens.
/// </summary>
public sealed class Mutator
{
    private static readonly byte[] s_interesting = [0x00, 0x01, 0x02, 0x7f, 0x80, 0xfe, 0xff, 0x10, 0x14, 0x20, 0x40, (byte)'"', (byte)'\\', (byte)'\n', (byte)'{', (byte)'}', (byte)'[', (byte)']', (byte)',', (byte)':', (byte)'-', (byte)'9'];

    private readonly Random _random;
    private readonly IReadOnlyList<byte[]> _tokens;

    public Mutator(Random random, IReadOnlyList<byte[]> tokens)
    {
        _random = random;
        _tokens = tokens;
    }

    public byte[] Mutate(byte[] input, IReadOnlyList<byte[]> corpus, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        List<byte> data = [.. input];
        int steps = 1 << _random.Next(4);
        for (int i = 0; i < steps; i++)
        {
            Step(data, corpus);
        }
        if (data.Count > maxLength)
        {
            data.RemoveRange(maxLength, data.Count - maxLength);
        }
        return [.. data];
    }

    private void Step(List<byte> data, IReadOnlyList<byte[]> corpus)
    {
        int at = data.Count == 0 ? 0 : _random.Next(data.Count);
        switch (_random.Next(data.Count == 0 ? 1 : 10))
        {
            case 0:
                data.InsertRange(at, RandomBytes(1 + _random.Next(8)));
                break;
            case 1:
                data[at] ^= (byte)(1 << _random.Next(8));
                break;
            case 2:
                data[at] = s_interesting[_random.Next(s_interesting.Length)];
                break;
            case 3:
                data[at] = (byte)_random.Next(256);
                break;
            case 4:
                data[at] = (byte)(data[at] + _random.Next(-16, 17));
                break;
            case 5:
                data.RemoveRange(at, Math.Min(data.Count - at, 1 + _random.Next(16)));
                break;
            case 6:
                int length = Math.Min(data.Count - at, 1 + _random.Next(32));
                data.InsertRange(_random.Next(data.Count + 1), data.GetRange(at, length));
                break;
            case 7 when corpus.Count > 0:
                byte[] other = corpus[_random.Next(corpus.Count)];
                int from = other.Length == 0 ? 0 : _random.Next(other.Length);
                data.RemoveRange(at, data.Count - at);
                data.AddRange(other.AsSpan(from).ToArray());
                break;
            case 8 when _tokens.Count > 0:
                data.InsertRange(at, _tokens[_random.Next(_tokens.Count)]);
                break;
            case 9 when _tokens.Count > 0:
                byte[] token = _tokens[_random.Next(_tokens.Count)];
                for (int i = 0; i < token.Length && at + i < data.Count; i++)
                {
                    data[at + i] = token[i];
                }
                break;
            default:
                data[at] = (byte)~data[at];
                break;
        }
    }

    private byte[] RandomBytes(int count)
    {
        byte[] bytes = new byte[count];
        _random.NextBytes(bytes);
        return bytes;
    }
}

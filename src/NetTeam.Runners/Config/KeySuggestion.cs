namespace NetTeam.Runners.Config;

/// <summary>
/// The known name nearest to a misspelt one, for "did you mean ...?". The distance is the optimal string
/// alignment distance (insertions, deletions, substitutions and swaps of neighbours each cost 1), taken
/// without regard to case; a name is suggested only when it is close for its length, so that a word that is
/// merely different gets no suggestion.
/// </summary>
public static class KeySuggestion
{
    /// <summary>The nearest of <paramref name="known"/> to <paramref name="typed"/>, or null when none is close.</summary>
    public static string? Nearest(string typed, IEnumerable<string> known)
    {
        ArgumentNullException.ThrowIfNull(typed);
        ArgumentNullException.ThrowIfNull(known);
        int allowed = typed.Length <= 4 ? 1 : typed.Length <= 8 ? 2 : 3;
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (string k in known)
        {
            int d = Distance(typed, k);
            if (d <= allowed && d < bestDistance && k != typed)
            {
                best = k;
                bestDistance = d;
            }
        }
        return best;
    }

    /// <summary>The optimal string alignment distance between two names, case-insensitive.</summary>
    public static int Distance(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        a = a.ToLowerInvariant();
        b = b.ToLowerInvariant();
        int[,] d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }
        for (int j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }
        for (int i = 1; i <= a.Length; i++)
        {
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                int v = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    v = Math.Min(v, d[i - 2, j - 2] + 1);
                }
                d[i, j] = v;
            }
        }
        return d[a.Length, b.Length];
    }
}

namespace NetTeam.Daemon.Tests;

/// <summary>The shared reference outputs of teamd 1.31 (../shared/reference/teamd beside the checkout).</summary>
internal static class Reference
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (DirectoryInfo? d = new(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            string candidate = Path.Combine(d.FullName, "shared", "reference", "teamd");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new DirectoryNotFoundException("shared/reference/teamd not found above " + AppContext.BaseDirectory);
    }

    public static string Read(params string[] parts) => File.ReadAllText(Path.Combine([Root, .. parts]));
}

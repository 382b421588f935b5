namespace NetTeam.Integration.Tests.Topology;

/// <summary>The real teamd 1.31 outputs in shared/reference/teamd/, found by walking up from the test binaries.</summary>
internal static class Golden
{
    public static string Read(params string[] parts)
    {
        for (DirectoryInfo? d = new(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            string candidate = Path.Combine([d.FullName, "shared", "reference", "teamd", .. parts]);
            if (File.Exists(candidate))
            {
                return File.ReadAllText(candidate);
            }
        }
        throw new FileNotFoundException(string.Join('/', parts));
    }
}

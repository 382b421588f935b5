using System.Globalization;

namespace NetTeam.Bpf.Tests;

/// <summary>Compiles and runs a C program that prints "name value" lines, for checks against this machine's uapi headers.</summary>
internal static class Gcc
{
    public static Dictionary<string, long> Values(string program)
    {
        string dir = Directory.CreateTempSubdirectory("netteam-bpf-uapi-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "uapi.c"), program);
            Tool.Run("gcc", "-o", Path.Combine(dir, "uapi"), Path.Combine(dir, "uapi.c"));
            return Tool.Run(Path.Combine(dir, "uapi")).Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(l => l.Split(' '))
                .ToDictionary(p => p[0], p => long.Parse(p[1], CultureInfo.InvariantCulture));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}

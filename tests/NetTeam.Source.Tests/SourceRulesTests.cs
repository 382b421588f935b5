using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace NetTeam.Source.Tests;

/// <summary>
/// The project's size rules for its own source (the developers' guide): no file in src over 400 lines, no
/// method, accessor, constructor or local function over 60 lines, one top-level type per file.
/// </summary>
public class SourceRulesTests
{
    private const int MaxFileLines = 400;
    private const int MaxMethodLines = 60;

    private static readonly Lazy<string> s_src = new(FindSrc);

    public static TheoryData<string> Files()
    {
        TheoryData<string> data = [];
        foreach (string file in SourceFiles())
        {
            data.Add(Path.GetRelativePath(s_src.Value, file));
        }
        return data;
    }

    [Fact]
    public void TheSourceTreeIsFound() => Assert.True(SourceFiles().Count() > 100);

    [Theory]
    [MemberData(nameof(Files))]
    public void FollowsTheSizeRules(string file)
    {
        string text = File.ReadAllText(Path.Combine(s_src.Value, file));
        int lines = text.Split('\n').Length - (text.EndsWith('\n') ? 1 : 0);
        Assert.True(lines <= MaxFileLines, $"{file} has {lines} lines (at most {MaxFileLines})");
        SyntaxNode root = CSharpSyntaxTree.ParseText(text).GetRoot();
        List<string> tooLong = [];
        foreach (SyntaxNode node in root.DescendantNodes().Where(IsBody))
        {
            FileLinePositionSpan span = node.GetLocation().GetLineSpan();
            int length = span.EndLinePosition.Line - span.StartLinePosition.Line + 1;
            if (length > MaxMethodLines)
            {
                tooLong.Add($"{Name(node)} ({length} lines, from line {span.StartLinePosition.Line + 1})");
            }
        }
        Assert.True(tooLong.Count == 0, $"{file}: over {MaxMethodLines} lines: {string.Join("; ", tooLong)}");
        int types = root.ChildNodes().SelectMany<SyntaxNode, SyntaxNode>(n => n is BaseNamespaceDeclarationSyntax ns ? ns.Members : [n]).Count(n => n is BaseTypeDeclarationSyntax or DelegateDeclarationSyntax);
        Assert.True(types <= 1, $"{file} declares {types} top-level types (one per file)");
    }

    private static bool IsBody(SyntaxNode node) => node is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or LocalFunctionStatementSyntax
        || (node is PropertyDeclarationSyntax p && p.ExpressionBody is not null);

    private static string Name(SyntaxNode node) => node switch
    {
        MethodDeclarationSyntax m => m.Identifier.Text,
        ConstructorDeclarationSyntax c => c.Identifier.Text + " (constructor)",
        LocalFunctionStatementSyntax l => l.Identifier.Text + " (local function)",
        PropertyDeclarationSyntax p => p.Identifier.Text,
        AccessorDeclarationSyntax a => a.Keyword.Text + " accessor",
        _ => node.Kind().ToString(),
    };

    private static IEnumerable<string> SourceFiles() =>
        Directory.EnumerateFiles(s_src.Value, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

    private static string FindSrc()
    {
        for (DirectoryInfo? d = new(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "NetTeam.slnx")))
            {
                return Path.Combine(d.FullName, "src");
            }
        }
        throw new DirectoryNotFoundException("NetTeam.slnx not found above " + AppContext.BaseDirectory);
    }
}

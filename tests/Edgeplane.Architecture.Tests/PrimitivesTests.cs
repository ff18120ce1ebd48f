using System.Reflection;
using System.Text.RegularExpressions;

namespace Edgeplane.Architecture.Tests;

/// <summary>
/// One implementation of each primitive (issue #11): RFC 6902 JSON Patch and strategic merge
/// (<c>Edgeplane.ApiMachinery.Patching</c>), the label-selector grammar (<c>Edgeplane.ApiMachinery.Labels</c>), the
/// duration grammar (<c>Edgeplane.Model.Validation.Durations</c>) and the HEAD commit of a work tree (LibGit2Sharp, no
/// hand-written <c>.git</c> reader). A second copy is found by its file name, its type name or a line only such code has.
/// </summary>
public sealed partial class PrimitivesTests
{
    /// <summary>A primitive: the files that may implement it, and the signs of an implementation elsewhere.</summary>
    /// <param name="Owner">Paths under src/ (prefixes) where the one implementation lives; empty when it is a library's.</param>
    /// <param name="OwnerAssembly">The assembly whose types may carry the names; null when none may.</param>
    public sealed record Primitive(string Name, string[] Owner, string? OwnerAssembly, Regex FileName, Regex TypeName, Regex Code);

    private static readonly Primitive[] All =
    [
        new("JSON Patch", ["src/Edgeplane.ApiMachinery/Patching/"], "Edgeplane.ApiMachinery",
            FileJsonPatch(), TypeJsonPatch(), CodeJsonPatch()),
        new("strategic merge", ["src/Edgeplane.ApiMachinery/Patching/"], "Edgeplane.ApiMachinery",
            FileStrategicMerge(), TypeStrategicMerge(), CodeStrategicMerge()),
        new("label selector", ["src/Edgeplane.ApiMachinery/Labels/"], "Edgeplane.ApiMachinery",
            FileLabelSelector(), TypeLabelSelector(), CodeLabelSelector()),
        new("duration grammar", ["src/Edgeplane.Model/Validation/Durations.cs"], "Edgeplane.Model",
            FileDuration(), TypeDuration(), CodeDuration()),
        new("git HEAD reader", [], null, FileGitRevision(), TypeGitRevision(), CodeGitRevision()),
    ];

    private static readonly string[] Assemblies =
    [
        "Edgeplane.ApiMachinery", "Edgeplane.Model", "Edgeplane.Rendering", "Edgeplane.Kubernetes", "Edgeplane.Protocol",
        "Edgeplane.Resilience", "Edgeplane.KubeSim", "Edgeplane.Hub", "Edgeplane.Agent", "edgeplane",
    ];

    public static TheoryData<string> Names() => new(All.Select(p => p.Name));

    [Theory]
    [MemberData(nameof(Names))]
    public void SourceFiles_OnlyTheOwnerIsNamedForThePrimitive(string name)
    {
        var primitive = All.Single(p => p.Name == name);

        var strays = SourceFiles().Where(f => primitive.FileName.IsMatch(f) && !Owned(primitive, f)).ToList();

        Assert.True(strays.Count == 0, $"a second {name} in src/: {string.Join(", ", strays)}");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void SourceCode_OnlyTheOwnerReadsTheSyntax(string name)
    {
        var primitive = All.Single(p => p.Name == name);

        var strays = Repository.SourceFiles("src")
            .Where(f => !Owned(primitive, f.Path) && primitive.Code.IsMatch(f.Text))
            .Select(f => f.Path)
            .ToList();

        Assert.True(strays.Count == 0, $"code that looks like a second {name} in src/: {string.Join(", ", strays)}");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void CompiledTypes_OnlyTheOwnerDeclaresThePrimitive(string name)
    {
        var primitive = All.Single(p => p.Name == name);

        var strays = Assemblies.Where(a => a != primitive.OwnerAssembly)
            .SelectMany(a => Assembly.Load(a).GetTypes())
            .Where(t => primitive.TypeName.IsMatch(t.Name))
            .Select(t => t.FullName)
            .ToList();

        Assert.True(strays.Count == 0, $"a second {name} type: {string.Join(", ", strays)}");
    }

    [Fact]
    public void Owners_StillHoldTheImplementation()
    {
        var files = SourceFiles();

        foreach (var primitive in All.Where(p => p.Owner.Length > 0))
        {
            Assert.Contains(files, f => Owned(primitive, f) && primitive.FileName.IsMatch(f));
        }
    }

    [Theory]
    [InlineData("src/Edgeplane.KubeSim/Patching/JsonPatch.cs", "JSON Patch")]
    [InlineData("src/Edgeplane.Rendering/Kustomize/JsonPatchOperations.cs", "JSON Patch")]
    [InlineData("src/Edgeplane.KubeSim/Patching/StrategicMergePatch.cs", "strategic merge")]
    [InlineData("src/Edgeplane.Hub/Api/LabelSelectorParser.cs", "label selector")]
    [InlineData("src/Edgeplane.Rendering/Kustomize/SelectorReader.cs", "label selector")]
    [InlineData("src/Edgeplane.Cli/Up/DurationParser.cs", "duration grammar")]
    [InlineData("src/Edgeplane.Hub/Api/DurationText.cs", "duration grammar")]
    [InlineData("src/Edgeplane.Cli/Shared/GitRevision.cs", "git HEAD reader")]
    public void FileName_CopiesThatExistedBefore_AreCaught(string path, string name)
    {
        var primitive = All.Single(p => p.Name == name);

        Assert.Matches(primitive.FileName, path);
        Assert.False(Owned(primitive, path), $"{path} counts as the owner of {name}");
    }

    [Theory]
    [InlineData("t.Replace(\"~1\", \"/\", StringComparison.Ordinal)", "JSON Patch")]
    [InlineData("switch (patchObj[\"$patch\"]?.GetValue<string>())", "strategic merge")]
    [InlineData("const string Retain = \"$retainKeys\";", "strategic merge")]
    [InlineData("(?<op>\\s+in\\s+|\\s+notin\\s+)", "label selector")]
    [InlineData("op is \"!=\" or \"notin\"", "label selector")]
    [InlineData("\"ms\" => TimeSpan.FromMilliseconds(n),", "duration grammar")]
    [InlineData("TimeSpan.TryParseExact(trimmed, \"c\", CultureInfo.InvariantCulture, out value)", "duration grammar")]
    [InlineData("var packed = Path.Combine(dir, \"packed-refs\");", "git HEAD reader")]
    public void Code_CopiesThatExistedBefore_AreCaught(string line, string name) =>
        Assert.Matches(All.Single(p => p.Name == name).Code, line);

    private static bool Owned(Primitive primitive, string path) =>
        primitive.Owner.Any(o => path.StartsWith(o, StringComparison.Ordinal));

    private static List<string> SourceFiles() => Repository.SourceFiles("src").Select(f => f.Path).ToList();

    [GeneratedRegex(@"/[^/]*JsonPatch[^/]*\.cs$", RegexOptions.IgnoreCase)]
    private static partial Regex FileJsonPatch();

    [GeneratedRegex(@"JsonPatch", RegexOptions.IgnoreCase)]
    private static partial Regex TypeJsonPatch();

    // RFC 6901 unescaping of a JSON pointer token.
    [GeneratedRegex(@"""~1""\s*,\s*""/""")]
    private static partial Regex CodeJsonPatch();

    [GeneratedRegex(@"/StrategicMerge[^/]*\.cs$", RegexOptions.IgnoreCase)]
    private static partial Regex FileStrategicMerge();

    [GeneratedRegex(@"StrategicMerge", RegexOptions.IgnoreCase)]
    private static partial Regex TypeStrategicMerge();

    // The directives of a strategic merge patch.
    [GeneratedRegex(@"""\$(patch|retainKeys|deleteFromPrimitiveList|setElementOrder)")]
    private static partial Regex CodeStrategicMerge();

    [GeneratedRegex(@"/(LabelSelector[^/]*|[^/]*SelectorParser|SelectorReader)\.cs$", RegexOptions.IgnoreCase)]
    private static partial Regex FileLabelSelector();

    [GeneratedRegex(@"^(LabelSelector.*|.*SelectorParser|SelectorReader)$")]
    private static partial Regex TypeLabelSelector();

    // The set-based operator of the selector grammar, as a string literal or in a regular expression.
    [GeneratedRegex(@"""notin""|\\s\+notin\\s")]
    private static partial Regex CodeLabelSelector();

    [GeneratedRegex(@"/[^/]*(Durations?|DurationParser|DurationText)\.cs$", RegexOptions.IgnoreCase)]
    private static partial Regex FileDuration();

    [GeneratedRegex(@"^(Durations?|DurationParser|DurationText)$")]
    private static partial Regex TypeDuration();

    // A unit table with milliseconds, or TimeSpan's own text formats used to read what people type.
    [GeneratedRegex(@"""ms""|TimeSpan\.TryParse")]
    private static partial Regex CodeDuration();

    [GeneratedRegex(@"/GitRevision\.cs$", RegexOptions.IgnoreCase)]
    private static partial Regex FileGitRevision();

    [GeneratedRegex(@"^GitRevision$")]
    private static partial Regex TypeGitRevision();

    // The files only a hand-written reader of .git opens.
    [GeneratedRegex(@"""(packed-refs|commondir|gitdir: )""")]
    private static partial Regex CodeGitRevision();
}

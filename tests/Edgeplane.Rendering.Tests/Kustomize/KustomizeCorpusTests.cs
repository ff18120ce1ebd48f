using System.Text.Json.Nodes;
using Edgeplane.Model.Sources;
using Edgeplane.Model.Yaml;
using Edgeplane.Rendering.Kustomize;

namespace Edgeplane.Rendering.Tests.Kustomize;

/// <summary>
/// Every case under testdata/kustomize/&lt;case&gt;/input is built by our builder and by real <c>kubectl kustomize</c>;
/// the objects must be equal, in the same order, and equal to the golden expected.yaml (UPDATE_GOLDEN=1 rewrites it).
/// A case builds its input root unless it has a <c>target</c> file naming another directory.
/// </summary>
public sealed class KustomizeCorpusTests
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var dir in Directory.GetDirectories(TestData.KustomizeRoot).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(dir));
        }
        return data;
    }

    [Fact]
    public void Corpus_HasAtLeastThirtyCases() => Assert.True(Cases().Count >= 30, $"only {Cases().Count} cases");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Build_Case_MatchesGolden(string name)
    {
        var (_, _, result) = Build(name);

        AssertGolden(Path.Combine(TestData.KustomizeRoot, name, "expected.yaml"), YamlWriter.Write(result.Objects.Select(CanonicalJson.Sorted)));
    }

    [KubectlTheory]
    [MemberData(nameof(Cases))]
    public async Task Build_Case_MatchesKubectl(string name)
    {
        var (input, target, result) = Build(name);

        var (exit, output, error) = await KubectlKustomize.RunAsync(Path.Combine(input, target));

        Assert.True(exit == 0, $"kubectl kustomize failed: {error}");
        AssertSameObjects(Parse(output), result.Objects);
    }

    private static (string Input, string Target, KustomizeResult Result) Build(string name)
    {
        var caseDir = Path.Combine(TestData.KustomizeRoot, name);
        var input = Path.Combine(caseDir, "input");
        var targetFile = Path.Combine(caseDir, "target");
        var target = File.Exists(targetFile) ? File.ReadAllText(targetFile).Trim() : ".";
        var result = new KustomizeBuilder(new RepoFileSystem(input)).Build(target);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        return (input, target, result);
    }

    private static void AssertGolden(string path, string actual)
    {
        if (TestData.UpdateGolden || !File.Exists(path))
        {
            File.WriteAllText(path, actual);
        }
        Assert.Equal(File.ReadAllText(path), actual);
    }

    private static List<JsonNode> Parse(string yaml)
    {
        var loaded = YamlLoader.Load("kubectl-output", yaml);
        Assert.True(loaded.Succeeded, string.Join("\n", loaded.Diagnostics));
        return [.. loaded.Documents.Select(d => d.Root)];
    }

    private static void AssertSameObjects(IReadOnlyList<JsonNode> expected, IReadOnlyList<JsonObject> actual)
    {
        var expectedText = expected.Select(CanonicalJson.Of).ToHashSet();
        var actualText = actual.Select(a => CanonicalJson.Of(a)).ToHashSet();
        var missing = expected.Where(e => !actualText.Contains(CanonicalJson.Of(e))).ToList();
        var extra = actual.Where(a => !expectedText.Contains(CanonicalJson.Of(a))).ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0 && expected.Count == actual.Count,
            $"kubectl printed (only there):\n{YamlWriter.Write(missing.Select(CanonicalJson.Sorted))}\n"
            + $"we built (only here):\n{YamlWriter.Write(extra.Select(CanonicalJson.Sorted))}");
        Assert.Equal(expected.Select(Id), actual.Select(a => Id(a)));
    }

    private static string Id(JsonNode node) =>
        $"{node["apiVersion"]}/{node["kind"]} {node["metadata"]?["namespace"]}/{node["metadata"]?["name"]}";
}

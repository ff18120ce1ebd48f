using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;
using Edgeplane.Model.Loading;
using Edgeplane.Model.Yaml;
using Edgeplane.Rendering.Bundles;

namespace Edgeplane.Rendering.Tests;

/// <summary>testdata/golden/&lt;case&gt;/input → expected/&lt;cluster&gt;.yaml; run with UPDATE_GOLDEN=1 to regenerate.</summary>
public sealed class GoldenTests
{
    public static TheoryData<string> Cases() => new("inheritance", "helm-nf");

    [Theory]
    [MemberData(nameof(Cases))]
    public void RenderAll_Case_MatchesExpected(string name)
    {
        var input = Path.Combine(AppContext.BaseDirectory, "testdata", "golden", name, "input");
        var loaded = FleetLoader.Load(input);
        Assert.Empty(loaded.Diagnostics);

        var result = new FleetRenderer(loaded.Fleet!).RenderAll(new RenderOptions { Revision = "golden" });

        Assert.Empty(result.Diagnostics);
        var expectedDir = Path.Combine(SourceDir(), "testdata", "golden", name, "expected");
        foreach (var bundle in result.Bundles)
        {
            var file = Path.Combine(expectedDir, bundle.ClusterName + ".yaml");
            var actual = Text(bundle);
            if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
            {
                Directory.CreateDirectory(expectedDir);
                File.WriteAllText(file, actual);
            }
            Assert.Equal(File.ReadAllText(file), actual);
        }
        Assert.Equal(Directory.GetFiles(expectedDir).Length, result.Bundles.Count);
    }

    internal static string Text(Bundle bundle) =>
        $"# {bundle.ClusterName} {bundle.Digest} {bundle.ContentDigest}\n"
        + YamlWriter.Write(bundle.Objects.Select(o => (JsonNode?)o.ToJsonObject()));

    private static string SourceDir([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}

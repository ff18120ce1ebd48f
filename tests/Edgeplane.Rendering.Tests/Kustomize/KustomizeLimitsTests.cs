using System.Text;
using Edgeplane.Model.Sources;
using Edgeplane.Rendering.Kustomize;

namespace Edgeplane.Rendering.Tests.Kustomize;

/// <summary>
/// What a kustomization can multiply — generator data, bases used many times, patches on many objects, JSON patch
/// copies — stops at a byte limit, with the limit named, before the copies are built.
/// </summary>
public sealed class KustomizeLimitsTests
{
    private static readonly LoadLimits OneMiBBuilds = LoadLimits.Default with { MaxBundleBytes = 1024 * 1024 };

    private static string ConfigMap(string name, int valueLength) =>
        $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}\ndata:\n  v: {new string('x', valueLength)}\n";

    private static KustomizeResult Build(TempRepo repo, string directory, LoadLimits? limits = null) =>
        new KustomizeBuilder(new RepoFileSystem(repo.Root, limits)).Build(directory);

    private static string Refusal(KustomizeResult result)
    {
        Assert.False(result.Succeeded);
        Assert.Empty(result.Objects);
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal("LimitExceeded", error.Code);
        return error.ToString();
    }

    [Fact]
    public void Build_GeneratorReadingOneFileUnderManyKeys_RefusedAtTheDataLimit()
    {
        var keys = string.Concat(Enumerable.Range(0, 20).Select(i => $"  - k{i}=data.txt\n"));
        using var repo = new TempRepo(("app/kustomization.yaml", $"configMapGenerator:\n- name: many\n  files:\n{keys}"),
            ("app/data.txt", new string('d', 100_000)));

        Assert.Equal("app/kustomization.yaml:2:3: ConfigMap generator 'many' makes 1.91 MiB (2000000 bytes) of data, more than the 1 MiB (1048576 bytes) ConfigMap and Secret data limit (MaxConfigDataBytes)",
            Refusal(Build(repo, "app")));
    }

    [Fact]
    public void Build_GeneratorJustUnderTheDataLimit_Builds()
    {
        using var repo = new TempRepo(("app/kustomization.yaml", "configMapGenerator:\n- name: full\n  files:\n  - a=data.txt\n  - b=data.txt\n"),
            ("app/data.txt", new string('d', 524_288)));

        var result = Build(repo, "app");

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Equal(524_288, Assert.Single(result.Objects)["data"]!["b"]!.GetValue<string>().Length);
    }

    [Fact]
    public void Build_BaseUsedTwiceAtEveryLevel_StopsBeforeTheCopiesDoubleOverTheLimit()
    {
        // Level n holds two prefixed uses of level n-1: 2^10 copies of a 2 KB ConfigMap at the top (2,046 references,
        // under the graph limit).
        var files = new List<(string, string)> { ("l0/kustomization.yaml", "resources:\n- cm.yaml\n"), ("l0/cm.yaml", ConfigMap("cm", 2000)) };
        for (var n = 1; n <= 10; n++)
        {
            files.Add(($"l{n}a/kustomization.yaml", $"namePrefix: a-\nresources:\n- ../l{n - 1}\n"));
            files.Add(($"l{n}b/kustomization.yaml", $"namePrefix: b-\nresources:\n- ../l{n - 1}\n"));
            files.Add(($"l{n}/kustomization.yaml", $"resources:\n- ../l{n}a\n- ../l{n}b\n"));
        }
        using var repo = new TempRepo([.. files]);

        Assert.Equal("l9/kustomization.yaml:3:3: the objects of this kustomize build would be more than 1 MiB (1048576 bytes) of JSON: it exceeds the bundle limit (MaxBundleBytes), which bounds one build",
            Refusal(Build(repo, "l10", OneMiBBuilds)));
    }

    [Fact]
    public void Build_JsonPatchCopyingAMapIntoItself_StopsBeforeTheLimit()
    {
        var copies = string.Concat(Enumerable.Range(0, 14).Select(i => $"    - {{op: copy, from: /data, path: /data/c{i}}}\n"));
        using var repo = new TempRepo(("app/kustomization.yaml",
            $"resources:\n- cm.yaml\npatches:\n- target: {{kind: ConfigMap}}\n  patch: |-\n{copies}"), ("app/cm.yaml", ConfigMap("cm", 1000)));

        Assert.Equal("app/kustomization.yaml:4:3: the objects of this kustomize build would be more than 1 MiB (1048576 bytes) of JSON: it exceeds the bundle limit (MaxBundleBytes), which bounds one build",
            Refusal(Build(repo, "app", OneMiBBuilds)));
    }

    [Fact]
    public void Build_PatchAppliedToManyObjects_StopsAtTheLimit()
    {
        var objects = new StringBuilder();
        for (var i = 0; i < 200; i++)
        {
            objects.Append(ConfigMap($"cm{i}", 10)).Append("---\n");
        }
        using var repo = new TempRepo(("app/kustomization.yaml",
            "resources:\n- cms.yaml\npatches:\n- target: {kind: ConfigMap}\n  path: patch.yaml\n"), ("app/cms.yaml", objects.ToString()),
            ("app/patch.yaml", ConfigMap("any", 10_000)));

        Assert.Equal("app/kustomization.yaml:4:3: the objects of this kustomize build would be more than 1 MiB (1048576 bytes) of JSON: it exceeds the bundle limit (MaxBundleBytes), which bounds one build",
            Refusal(Build(repo, "app", OneMiBBuilds)));
    }
}

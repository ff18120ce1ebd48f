using System.Text.Json.Nodes;
using Edgeplane.Model.Sources;
using Edgeplane.Model.Yaml;
using Edgeplane.Rendering.Kustomize;

namespace Edgeplane.Rendering.Tests.Kustomize;

/// <summary>Caching, sharing and thread-safety of one builder.</summary>
public sealed class KustomizeBuilderTests
{
    private static TempRepo SitesRepo(int sites)
    {
        var repo = new TempRepo(
            ("base/kustomization.yaml", "resources:\n- app.yaml\nconfigMapGenerator:\n- name: cfg\n  literals: [LEVEL=base]\n"),
            ("base/app.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: app
                spec:
                  template:
                    spec:
                      containers:
                      - name: app
                        image: app:1
                        envFrom:
                        - configMapRef:
                            name: cfg
                """));
        for (var i = 0; i < sites; i++)
        {
            repo.Write($"sites/s{i}/kustomization.yaml",
                $"resources:\n- ../../base\nnamePrefix: s{i}-\nconfigMapGenerator:\n- name: cfg\n  behavior: merge\n  literals: [SITE=s{i}]\n");
        }
        return repo;
    }

    [Fact]
    public void Build_SameDirectoryTwice_ReturnsFreshCopies()
    {
        using var repo = SitesRepo(1);
        var builder = new KustomizeBuilder(new RepoFileSystem(repo.Root));

        var first = builder.Build("sites/s0");
        first.Objects[0]["data"]!["SITE"] = "changed by the caller";
        first.Objects[1]["metadata"]!["name"] = "changed";
        var second = builder.Build("sites/s0");

        Assert.True(second.Succeeded);
        Assert.Equal("s0", second.Objects[0]["data"]!["SITE"]!.GetValue<string>());
        Assert.Equal("s0-app", second.Objects[1]["metadata"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public void Build_BaseSharedBySites_ReadsItsFilesOnce()
    {
        using var repo = SitesRepo(3);
        // 2 base files + 3 site kustomizations: only enough reads when the base is cached after the first site.
        var builder = new KustomizeBuilder(new RepoFileSystem(repo.Root, new LoadLimits { MaxFiles = 5 }));

        var results = Enumerable.Range(0, 3).Select(i => builder.Build($"sites/s{i}")).ToList();

        Assert.All(results, r => Assert.True(r.Succeeded, string.Join("\n", r.Diagnostics)));
        Assert.Equal(["s0-cfg", "s1-cfg", "s2-cfg"], results.Select(r => r.Objects[0]["metadata"]!["name"]!.GetValue<string>()[..6]));
    }

    [Fact]
    public void Build_ManySitesInParallel_MatchesSequentialBuilds()
    {
        using var repo = SitesRepo(40);
        var sequential = new KustomizeBuilder(new RepoFileSystem(repo.Root));
        var expected = Enumerable.Range(0, 40).Select(i => YamlWriter.Write(sequential.Build($"sites/s{i}").Objects)).ToList();
        var shared = new KustomizeBuilder(new RepoFileSystem(repo.Root));
        var actual = new string[40];

        Parallel.For(0, 40, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => actual[i] = YamlWriter.Write(shared.Build($"sites/s{i}").Objects));

        Assert.Equal(expected, actual);
        Assert.Equal(40, actual.Distinct().Count());
    }

    [Fact]
    public void Build_ErrorInSharedBase_ReportedToEverySite()
    {
        using var repo = SitesRepo(2);
        repo.Write("base/kustomization.yaml", "resources:\n- app.yaml\n- gone.yaml\n");
        var builder = new KustomizeBuilder(new RepoFileSystem(repo.Root));

        var errors = new[] { builder.Build("sites/s0"), builder.Build("sites/s1") }.Select(r => Assert.Single(r.Diagnostics).ToString());

        Assert.All(errors, e => Assert.Equal("base/kustomization.yaml:3:3: resource 'gone.yaml' does not exist (neither a file nor a directory)", e));
    }

    [Fact]
    public void Build_ComponentOnItsOwn_Refused()
    {
        using var repo = new TempRepo(("c/kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\n"));

        var result = new KustomizeBuilder(new RepoFileSystem(repo.Root)).Build("c");

        Assert.Equal("c/kustomization.yaml:1:1: a Component cannot be built on its own; list it under 'components' of a Kustomization",
            Assert.Single(result.Diagnostics).ToString());
    }

    [Fact]
    public void Build_RootDirectoryAsDotOrEmpty_BuildsTheRoot()
    {
        using var repo = new TempRepo(("kustomization.yaml", "configMapGenerator:\n- name: c\n  literals: [a=b]\n"));
        var builder = new KustomizeBuilder(new RepoFileSystem(repo.Root));

        var dot = builder.Build(".");
        var empty = builder.Build("");

        // The hash is kustomize's for {a: b}: kubectl kustomize names this ConfigMap c-4h2mbtbbt6.
        Assert.Equal("c-4h2mbtbbt6", dot.Objects[0]["metadata"]!["name"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(dot.Objects[0], empty.Objects[0]));
    }
}

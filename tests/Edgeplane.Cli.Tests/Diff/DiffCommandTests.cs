using System.Text.RegularExpressions;
using System.Text.Json.Nodes;

namespace Edgeplane.Cli.Tests.Diff;

/// <summary><c>edgeplane diff</c> against Git revisions of a copy of examples/fleet (30 clusters, the default Rollout).</summary>
public sealed class DiffCommandTests
{
    private const string IstioAddOn = "addons/istio/addon.yaml";
    private const string ImageLine =
        "spec.template.spec.containers[name=istiod].image: \"docker.io/istio/pilot:1.23.2\" → \"docker.io/istio/pilot:1.23.3\"";

    [Fact]
    public async Task Diff_IstioPatchBump_ShowsTheImageChangeOnEveryClusterAndTheWavesInOrder()
    {
        using var repo = new GitFleetRepo();
        repo.Replace(IstioAddOn, "version: \"1.23.2\"", "version: \"1.23.3\"");

        var run = await CliRun.Of("diff", repo.FleetDir);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Error);
        Assert.Contains($"compared with HEAD ({repo.InitialSha})", run.Out);
        Assert.Contains("30 cluster(s) change: 0 added, 0 removed, 30 changed", run.Out);
        Assert.Contains("  ~ apps/v1/Deployment/istio-system/istiod\n      " + ImageLine + "\n", run.Out);
        Assert.DoesNotContain("source-revision", run.Out);
        var waves = run.Out[run.Out.IndexOf("ROLLOUT", StringComparison.Ordinal)..].Split('\n', StringSplitOptions.RemoveEmptyEntries)[1..];
        Assert.Equal(["canary", "edge-first-tenth", "edge", "regional", "cloud"], waves.Select(w => w.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]));
        Assert.Matches(@"^default\s+canary\s+1\s+1h\s+edge-iad-01, edge-muc-01$", waves[0]);
        Assert.Matches(@"^default\s+regional\s+1\s+15m\s+os-fra, vs-iad$", waves[3]);
        Assert.Matches(@"^default\s+cloud\s+1\s+15m\s+gke-eu-west, eks-us-east, aks-us-east, eks-eu-west$", waves[4]);
    }

    [Fact]
    public async Task Diff_IstioPatchBump_JsonHasTheDocumentedShape()
    {
        using var repo = new GitFleetRepo();
        repo.Replace(IstioAddOn, "version: \"1.23.2\"", "version: \"1.23.3\"");

        var run = await CliRun.Of("diff", repo.FleetDir, "-o", "json");

        Assert.Equal(1, run.ExitCode);
        var report = JsonNode.Parse(run.Out)!.AsObject();
        Assert.Equal(["base", "clusters", "waves", "refused"], report.Select(p => p.Key));
        Assert.Empty(report["refused"]!.AsArray());
        Assert.Equal($"HEAD ({repo.InitialSha})", (string?)report["base"]);
        var clusters = report["clusters"]!.AsArray();
        Assert.Equal(30, clusters.Count);
        var muc = clusters.Single(c => (string?)c!["name"] == "edge-muc-01")!.AsObject();
        Assert.Equal(["name", "change", "objects"], muc.Select(p => p.Key));
        Assert.Equal("changed", (string?)muc["change"]);
        Assert.Equal(["added", "removed", "changed"], muc["objects"]!.AsObject().Select(p => p.Key));
        var change = Assert.Single(muc["objects"]!["changed"]!.AsArray())!;
        Assert.Equal("apps/v1/Deployment/istio-system/istiod", (string?)change["id"]);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""
            [{"path":"spec.template.spec.containers[name=istiod].image","from":"docker.io/istio/pilot:1.23.2","to":"docker.io/istio/pilot:1.23.3"}]
            """), change["fields"]), change.ToJsonString());
        var waves = report["waves"]!.AsArray();
        Assert.Equal(["canary", "edge-first-tenth", "edge", "regional", "cloud"], waves.Select(w => (string?)w!["name"]));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""
            {"rollout":"default","name":"canary","clusters":["edge-iad-01","edge-muc-01"],"maxUnavailable":1,"soakTime":"1h","reason":null}
            """), waves[0]), waves[0]!.ToJsonString());
        Assert.Equal(3, waves[1]!["clusters"]!.AsArray().Count); // ceil(10% of the 22 other edge clusters)
        Assert.Equal((19, 4), (waves[2]!["clusters"]!.AsArray().Count, (int)waves[2]!["maxUnavailable"]!)); // 25% of 19, rounded down
        Assert.Equal(30, waves.Sum(w => w!["clusters"]!.AsArray().Count));
    }

    [Fact]
    public async Task Diff_EdgeLayerSkipsAMinor_ListsWhatTheHubWouldRefuseAtTheLine()
    {
        using var repo = new GitFleetRepo();
        repo.Replace("fleet.yaml", "      kubernetesVersion: v1.30.4+k3s1\n", "      kubernetesVersion: v1.32.0+k3s1\n");
        using var patch = new GitFleetRepo();
        patch.Replace("fleet.yaml", "      kubernetesVersion: v1.30.4+k3s1\n", "      kubernetesVersion: v1.30.6+k3s1\n");

        var run = await CliRun.Of("diff", repo.FleetDir);
        var json = await CliRun.Of("diff", repo.FleetDir, "-o", "json");
        var allowed = await CliRun.Of("diff", patch.FleetDir, "-o", "json");

        Assert.Equal((1, 1, 1), (run.ExitCode, json.ExitCode, allowed.ExitCode));
        const string Why = "Kubernetes v1.30.4+k3s1 → v1.32.0+k3s1 skips minor version 1.31: upgrade one minor version at a time " +
            "(1.30 → 1.31 → 1.32) (the version is set by layer \"edge\")";
        Assert.Contains("refused: the hub would fail this revision (Kubernetes version skew policy, 1 error(s)):\n", run.Out);
        Assert.Matches($@"\n{Regex.Escape(repo.FleetDir)}/fleet\.yaml:28:\d+: \d+ clusters \(edge-[^)]*\): {Regex.Escape(Why)}\n", run.Out);
        var refused = Assert.Single(JsonNode.Parse(json.Out)!["refused"]!.AsArray())!;
        Assert.Equal(("fleet.yaml", 28, "KubernetesVersionSkew"), ((string?)refused["file"], (int)refused["line"]!, (string?)refused["code"]));
        Assert.EndsWith(Why, (string?)refused["message"], StringComparison.Ordinal);
        Assert.Empty(JsonNode.Parse(allowed.Out)!["refused"]!.AsArray()); // a patch release moves freely
    }

    [Fact]
    public async Task Diff_NothingChanged_ExitsZeroAndSaysNoChanges()
    {
        using var repo = new GitFleetRepo(subdirectory: "");

        var run = await CliRun.Of("diff", repo.FleetDir);
        var json = await CliRun.Of("diff", repo.FleetDir, "-o", "json");

        Assert.Equal((0, 0), (run.ExitCode, json.ExitCode));
        Assert.Equal($"no changes: every cluster of {repo.FleetDir} renders the same objects as HEAD ({repo.InitialSha})\n", run.Out);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse($$"""{"base":"HEAD ({{repo.InitialSha}})","clusters":[],"waves":[],"refused":[]}"""), JsonNode.Parse(json.Out)));
    }

    [Fact]
    public async Task Diff_CommittedChange_HeadShowsNothingAndAgainstTheParentShowsIt()
    {
        using var repo = new GitFleetRepo();
        repo.Replace(IstioAddOn, "version: \"1.23.2\"", "version: \"1.23.3\"");
        var sha = repo.Commit("istio 1.23.3");

        var head = await CliRun.Of("diff", repo.FleetDir);
        var parent = await CliRun.Of("diff", repo.FleetDir, "--against", "HEAD~1");
        var bySha = await CliRun.Of("diff", repo.FleetDir, "--against", repo.InitialSha[..10]);

        Assert.Equal((0, 1, 1), (head.ExitCode, parent.ExitCode, bySha.ExitCode));
        Assert.StartsWith("no changes:", head.Out, StringComparison.Ordinal);
        Assert.Contains($"compared with HEAD~1 ({repo.InitialSha})", parent.Out);
        Assert.Contains(ImageLine, parent.Out);
        Assert.Equal(parent.Out.Replace("HEAD~1 (", $"{repo.InitialSha[..10]} (", StringComparison.Ordinal), bySha.Out);
        Assert.NotEqual(sha, repo.InitialSha);
    }

    [Fact]
    public async Task Diff_ObjectAddedAndRemoved_ListsThemPerCluster()
    {
        using var repo = new GitFleetRepo();
        var manifests = "addons/istio/manifests/manifests.yaml";
        var text = File.ReadAllText(Path.Combine(repo.FleetDir, manifests));
        var service = text.IndexOf("apiVersion: v1\nkind: Service\n", StringComparison.Ordinal);
        var next = text.IndexOf("---\n", service, StringComparison.Ordinal) + 4;
        repo.Write(manifests, text[..service] + "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: mesh\n  namespace: istio-system\ndata:\n  mode: strict\n---\n" + text[next..]);

        var run = await CliRun.Of("diff", repo.FleetDir, "-o", "json");
        var table = await CliRun.Of("diff", repo.FleetDir);

        Assert.Equal((1, 1), (run.ExitCode, table.ExitCode));
        var clusters = JsonNode.Parse(run.Out)!["clusters"]!.AsArray();
        Assert.Equal(30, clusters.Count);
        Assert.All(clusters, c =>
        {
            Assert.Equal(["v1/ConfigMap/istio-system/mesh"], c!["objects"]!["added"]!.AsArray().Select(i => (string?)i));
            Assert.Equal(["v1/Service/istio-system/istiod"], c["objects"]!["removed"]!.AsArray().Select(i => (string?)i));
            Assert.Empty(c["objects"]!["changed"]!.AsArray());
        });
        Assert.Contains("\nchanged: aks-us-east, edge-ams-01, ", table.Out);
        Assert.Contains("(30 clusters; -o json lists all)\n  + v1/ConfigMap/istio-system/mesh\n  - v1/Service/istio-system/istiod\n\nwaves", table.Out);
    }

    [Fact]
    public async Task Diff_ClusterRemoved_IsRemovedAndInNoWave()
    {
        using var repo = new GitFleetRepo();
        repo.Delete("clusters/edge/us-east/pit-01.yaml");

        var run = await CliRun.Of("diff", repo.FleetDir, "-o", "json");
        var text = await CliRun.Of("diff", repo.FleetDir);

        Assert.Equal((1, 1), (run.ExitCode, text.ExitCode));
        var report = JsonNode.Parse(run.Out)!;
        var removed = Assert.Single(report["clusters"]!.AsArray())!;
        Assert.Equal(("edge-pit-01", "removed"), ((string?)removed["name"], (string?)removed["change"]));
        Assert.Contains("apps/v1/Deployment/istio-system/istiod", removed["objects"]!["removed"]!.AsArray().Select(i => (string?)i));
        Assert.Empty(removed["objects"]!["added"]!.AsArray());
        Assert.Empty(report["waves"]!.AsArray());
        Assert.Contains("1 cluster(s) change: 0 added, 1 removed, 0 changed\n\nremoved: edge-pit-01\n", text.Out);
    }

    [Fact]
    public async Task Diff_ClusterAdded_MovesAtOnceBecauseItHasNoPreviousBundle()
    {
        using var repo = new GitFleetRepo();
        var pit = File.ReadAllText(Path.Combine(repo.FleetDir, "clusters/edge/us-east/pit-01.yaml"));
        repo.Write("clusters/edge/us-east/pit-02.yaml", pit.Replace("name: edge-pit-01", "name: edge-pit-02", StringComparison.Ordinal));

        var run = await CliRun.Of("diff", repo.FleetDir, "-o", "json");
        var text = await CliRun.Of("diff", repo.FleetDir);

        Assert.Equal((1, 1), (run.ExitCode, text.ExitCode));
        var report = JsonNode.Parse(run.Out)!;
        var added = Assert.Single(report["clusters"]!.AsArray())!;
        Assert.Equal(("edge-pit-02", "added"), ((string?)added["name"], (string?)added["change"]));
        Assert.Contains("apps/v1/Deployment/istio-system/istiod", added["objects"]!["added"]!.AsArray().Select(i => (string?)i));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""
            [{"rollout":null,"name":"at-once","clusters":["edge-pit-02"],"maxUnavailable":null,"soakTime":null,"reason":"new cluster: no previous bundle to protect"}]
            """), report["waves"]), report["waves"]!.ToJsonString());
        Assert.Matches(@"\n-\s+at-once\s+-\s+-\s+edge-pit-02 \(new cluster: no previous bundle to protect\)\n", text.Out);
    }

    [Fact]
    public async Task Diff_ClustersNoRolloutGoverns_MoveAtOnceBeforeTheWaves()
    {
        using var repo = new GitFleetRepo();
        repo.Replace("rollouts/default.yaml", "  maxUnavailable: 10%\n", "  clusters: {layers: [edge]}\n  maxUnavailable: 10%\n");
        repo.Commit("the rollout governs only the edge");
        repo.Replace(IstioAddOn, "version: \"1.23.2\"", "version: \"1.23.3\"");

        var run = await CliRun.Of("diff", repo.FleetDir, "-o", "json");

        Assert.Equal(1, run.ExitCode);
        var waves = JsonNode.Parse(run.Out)!["waves"]!.AsArray();
        Assert.Equal(["at-once", "canary", "edge-first-tenth", "edge", "regional", "cloud"], waves.Select(w => (string?)w!["name"]));
        Assert.Equal(["aks-us-east", "eks-eu-west", "eks-us-east", "gke-eu-west", "os-fra", "vs-iad"], waves[0]!["clusters"]!.AsArray().Select(c => (string?)c));
        Assert.Equal("not governed by any rollout", (string?)waves[0]!["reason"]);
        Assert.Empty(waves[4]!["clusters"]!.AsArray()); // empty waves are kept, as the run shows them
        Assert.Empty(waves[5]!["clusters"]!.AsArray());
    }

    [Fact]
    public async Task Diff_ManyFieldsChanged_CapsThemPerObjectAndCountsTheRest()
    {
        using var repo = new GitFleetRepo();
        repo.Replace(IstioAddOn, "version: \"1.23.2\"", "version: \"1.23.3\"").Replace(IstioAddOn, "replicas: 2", "replicas: 3");

        var text = await CliRun.Of("diff", repo.FleetDir, "--max-fields", "1");
        var json = await CliRun.Of("diff", repo.FleetDir, "--max-fields", "1", "-o", "json");
        var all = await CliRun.Of("diff", repo.FleetDir, "--max-fields", "0", "-o", "json");

        Assert.Equal((1, 1, 1), (text.ExitCode, json.ExitCode, all.ExitCode));
        Assert.Contains("      spec.replicas: 2 → 3\n      … 1 more field(s) (--max-fields)\n", text.Out);
        var capped = JsonNode.Parse(json.Out)!["clusters"]!.AsArray().Single(c => (string?)c!["name"] == "os-fra")!["objects"]!["changed"]![0]!;
        Assert.Equal((1, 1), (capped["fields"]!.AsArray().Count, (int)capped["omittedFields"]!));
        var full = JsonNode.Parse(all.Out)!["clusters"]!.AsArray().Single(c => (string?)c!["name"] == "os-fra")!["objects"]!["changed"]![0]!;
        Assert.Equal(2, full["fields"]!.AsArray().Count);
        Assert.Null(full["omittedFields"]);
    }

    [Fact]
    public async Task Diff_FleetNotCommittedYet_EveryClusterIsNew()
    {
        using var repo = new GitFleetRepo(commitFleet: false);

        var run = await CliRun.Of("diff", repo.FleetDir, "-o", "json");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("note: HEAD:fleet does not exist: every cluster is new", run.Error);
        var report = JsonNode.Parse(run.Out)!;
        Assert.Equal(30, report["clusters"]!.AsArray().Count(c => (string?)c!["change"] == "added"));
        Assert.Equal(30, Assert.Single(report["waves"]!.AsArray())!["clusters"]!.AsArray().Count);
    }
}

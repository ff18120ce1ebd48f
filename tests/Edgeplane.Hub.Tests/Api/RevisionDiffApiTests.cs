using System.Net;
using System.Net.Http.Json;
using Edgeplane.Hub.Api.Contracts;
using Edgeplane.Hub.Hosting;
using Edgeplane.Hub.Pipeline;
using Edgeplane.Hub.Store;
using Edgeplane.Hub.Tests.Infrastructure;

namespace Edgeplane.Hub.Tests.Api;

/// <summary>
/// <c>GET /api/v1/revisions/{sha}/diff</c> over testdata/fleet: what a commit changed compared with the revision applied
/// before it, cluster → object → field, from the changes the hub recorded when it applied the commit.
/// </summary>
public sealed class RevisionDiffApiTests
{
    private const string SiteSettings = "v1/ConfigMap/platform/site-settings";

    [StoreTheory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Diff_OneFieldChanged_ShowsExactlyThatClusterObjectAndField(StoreKind store)
    {
        await using var scenario = await HubScenario.StartAsync(store);
        var before = await scenario.Host.DesiredDigestsAsync();
        scenario.Repo.Write("clusters/edge-site-1/configmap.yaml", ConfigMap("site-settings", "site: s1-changed"));
        var revision = await scenario.CommitAndProcessAsync("edge-site-1: new site setting");

        var diff = await DiffAsync(scenario, revision.Sha);

        var after = await scenario.Host.DesiredDigestsAsync();
        Assert.Equal((revision.Sha, RevisionState.Applied, new RevisionDiffBase(scenario.InitialSha), true, null),
            (diff.Sha, diff.State, diff.Base, diff.Recorded, diff.Note));
        Assert.Equal(new DiffCounts(0, 0, 1), diff.Counts);
        var cluster = Assert.Single(diff.Clusters);
        Assert.Equal(("edge-site-1", "changed", before["edge-site-1"], after["edge-site-1"]), (cluster.Name, cluster.Change, cluster.From, cluster.To));
        Assert.Equal(new DiffCounts(0, 0, 1), cluster.Objects);
        Assert.Empty(cluster.Added);
        Assert.Empty(cluster.Removed);
        var changed = Assert.Single(cluster.Changed);
        Assert.Equal((SiteSettings, 0), (changed.Id, changed.OmittedFields));
        var field = Assert.Single(changed.Fields);
        Assert.Equal(("data.site", "s1", "s1-changed", false, false, false, false),
            (field.Path, (string?)field.Old, (string?)field.New, field.Added, field.Removed, field.Redacted, field.Truncated));
        Assert.Equal((0, 0, null), (diff.OmittedClusters, cluster.OmittedObjects, diff.Continue));
    }

    [StoreTheory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Diff_ObjectsAddedAndRemoved_ListedByIdAndCounted(StoreKind store)
    {
        await using var scenario = await HubScenario.StartAsync(store);
        scenario.Repo.Write("common/extra.yaml", ConfigMap("extra", "k: v"));
        scenario.Repo.Delete("clusters/edge-site-1/configmap.yaml");
        var revision = await scenario.CommitAndProcessAsync("extra everywhere, no site settings");

        var diff = await DiffAsync(scenario, revision.Sha);

        Assert.Equal(RevisionState.Applied, revision.State);
        Assert.Equal(new DiffCounts(0, 0, 3), diff.Counts);
        Assert.Equal(["cloud-eu", "edge-site-1", "regional-eu-1"], diff.Clusters.Select(c => c.Name));
        var edge = diff.Clusters.Single(c => c.Name == "edge-site-1");
        Assert.Equal((new DiffCounts(1, 1, 0), "changed"), (edge.Objects, edge.Change));
        Assert.Equal(["v1/ConfigMap/platform/extra"], edge.Added);
        Assert.Equal([SiteSettings], edge.Removed);
        Assert.Empty(edge.Changed);
        Assert.All(diff.Clusters.Where(c => c.Name != "edge-site-1"), c =>
        {
            Assert.Equal(["v1/ConfigMap/platform/extra"], c.Added);
            Assert.Empty(c.Removed);
            Assert.Empty(c.Changed);
        });
    }

    [Fact]
    public async Task Diff_FirstRevision_EveryClusterAddedWithItsObjects_NoBase()
    {
        await using var scenario = await HubScenario.StartAsync(StoreKind.Sqlite);
        var desired = await scenario.Host.DesiredDigestsAsync();

        var diff = await DiffAsync(scenario, scenario.InitialSha);

        Assert.Equal((null, true, null), (diff.Base, diff.Recorded, diff.Note));
        Assert.Equal(new DiffCounts(3, 0, 0), diff.Counts);
        Assert.All(diff.Clusters, c => Assert.Equal(("added", null, desired[c.Name]), (c.Change, c.From, c.To)));
        var edge = diff.Clusters.Single(c => c.Name == "edge-site-1");
        Assert.Equal(new DiffCounts(2, 0, 0), edge.Objects);
        Assert.Equal([SiteSettings, "v1/Namespace/platform"], edge.Added.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Diff_ClusterRemovedByAnApprovedRevision_RemovedWithEveryObject()
    {
        await using var scenario = await HubScenario.StartAsync(StoreKind.Sqlite);
        var before = await scenario.Host.DesiredDigestsAsync();
        var clusters = await File.ReadAllTextAsync(Path.Combine(scenario.Repo.Path, "clusters.yaml"));
        scenario.Repo.Write("clusters.yaml", clusters[..clusters.LastIndexOf("---", StringComparison.Ordinal)]); // edge-site-1 is the last
        var held = await scenario.CommitAndProcessAsync("retire edge-site-1");
        Assert.Equal(RevisionState.Held, held.State);
        var whileHeld = await DiffAsync(scenario, held.Sha);
        using var approve = await scenario.Host.Client.PostAsync($"/api/v1/revisions/{held.Sha}/approve", null);
        Assert.Equal(RevisionState.Applied, (await scenario.Host.WaitForRevisionAsync(held.Sha)).State);

        var diff = await DiffAsync(scenario, held.Sha);

        Assert.Equal(("it is held: it changes nothing until a fleet-admin approves it", 0), (whileHeld.Note, whileHeld.Clusters.Count));
        Assert.Equal(new DiffCounts(0, 1, 0), diff.Counts);
        var edge = Assert.Single(diff.Clusters);
        Assert.Equal(("edge-site-1", "removed", before["edge-site-1"], null), (edge.Name, edge.Change, edge.From, edge.To));
        Assert.Equal([SiteSettings, "v1/Namespace/platform"], edge.Removed.Order(StringComparer.Ordinal));
        Assert.Equal(new RevisionDiffBase(scenario.InitialSha), diff.Base);
    }

    [Fact]
    public async Task Diff_OverTheLimits_CutAndCounted_PagesByCluster_OneClusterWhole()
    {
        await using var scenario = await HubScenario.StartAsync(StoreKind.Sqlite, configure: o => o with
        {
            Limits = o.Limits with { DiffMaxClusters = 1, DiffMaxObjects = 1, DiffMaxFields = 1, DiffMaxValueChars = 12 },
        });
        scenario.Repo.Write("common/namespace.yaml",
            "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: platform\n  annotations: {note: a-long-note-over-the-limit}\n  labels: {team: core}\n");
        scenario.Repo.Write("common/extra.yaml", ConfigMap("extra", "k: v"));
        var revision = await scenario.CommitAndProcessAsync("label, annotate, add");

        var first = await DiffAsync(scenario, revision.Sha);
        var second = await DiffAsync(scenario, revision.Sha, $"?continue={first.Continue}");
        var third = await DiffAsync(scenario, revision.Sha, $"?continue={second.Continue}");
        var whole = await DiffAsync(scenario, revision.Sha, "?cluster=edge-site-1");

        Assert.Equal(new RevisionDiffLimits(1, 1, 1, 12), first.Limits);
        Assert.Equal([("cloud-eu", 2), ("edge-site-1", 1), ("regional-eu-1", 0)],
            new[] { first, second, third }.Select(d => (Assert.Single(d.Clusters).Name, d.OmittedClusters)));
        Assert.All(new[] { first, second, third }, d => Assert.Equal(new DiffCounts(0, 0, 3), d.Counts));
        Assert.Null(third.Continue);
        var cut = first.Clusters[0];
        Assert.Equal((new DiffCounts(1, 0, 1), 1), (cut.Objects, cut.OmittedObjects));
        Assert.Empty(cut.Added);
        var ns = Assert.Single(cut.Changed);
        Assert.Equal(("v1/Namespace/platform", 1), (ns.Id, ns.OmittedFields));
        var note = Assert.Single(ns.Fields);
        Assert.Equal(("metadata.annotations.note", "\"a-long-note…", true, true),
            (note.Path, (string?)note.New, note.Added, note.Truncated));
        Assert.Equal(("edge-site-1", new RevisionDiffLimits(1, 5_000, 1_000, 12), 0), (whole.Cluster, whole.Limits, whole.OmittedClusters));
        var edge = Assert.Single(whole.Clusters);
        Assert.Equal(["v1/ConfigMap/platform/extra"], edge.Added);
        Assert.Equal(0, edge.OmittedObjects);
        Assert.Equal(["metadata.annotations.note", "metadata.labels"], Assert.Single(edge.Changed).Fields.Select(f => f.Path));
        Assert.Equal(("""{"team":"cor…""", true), ((string?)edge.Changed[0].Fields[1].New, edge.Changed[0].Fields[1].Truncated)); // values stay cut
    }

    [Fact]
    public async Task Diff_RevisionAppliedAgain_KeepsItsBaseAndWhereEachClusterStarted()
    {
        var compiler = new ExtraFileCompiler();
        await using var scenario = await HubScenario.StartAsync(StoreKind.Sqlite, compiler: compiler);
        var before = await scenario.Host.DesiredDigestsAsync();
        scenario.Repo.Write("clusters/edge-site-1/configmap.yaml", ConfigMap("site-settings", "site: s2"));
        var revision = await scenario.CommitAndProcessAsync("edge-site-1: s2");
        var first = await DiffAsync(scenario, revision.Sha);
        // Applied again (as when an expired join token is reissued), the same commit renders one more object for regional-eu-1.
        compiler.Extra = ("clusters/regional-eu-1/reissued.yaml", ConfigMap("reissued", "k: v"));
        Assert.Equal(revision.Sha, await scenario.Host.Service<IRevisionStore>().RequeueAppliedHeadAsync("test: apply it again", default));
        scenario.Host.Service<HubSignals>().RequestProcessing();
        Assert.Equal(RevisionState.Applied, (await scenario.Host.WaitForRevisionAsync(revision.Sha)).State);

        var again = await DiffAsync(scenario, revision.Sha);

        var after = await scenario.Host.DesiredDigestsAsync();
        Assert.Equal(new RevisionDiffBase(scenario.InitialSha), again.Base);
        Assert.Equal([("edge-site-1", first.Clusters[0].From, first.Clusters[0].To), ("regional-eu-1", before["regional-eu-1"], after["regional-eu-1"])],
            again.Clusters.Select(c => (c.Name, c.From, c.To)));
        Assert.Equal(["v1/ConfigMap/platform/reissued"], again.Clusters[1].Added);
    }

    [Fact]
    public async Task Diff_FailedRevision_ChangedNothing_SaysWhy()
    {
        await using var scenario = await HubScenario.StartAsync(StoreKind.Sqlite);
        scenario.Repo.Write("common/broken.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [unclosed\n");
        var revision = await scenario.CommitAndProcessAsync("break YAML");

        var diff = await DiffAsync(scenario, revision.Sha);

        Assert.Equal(RevisionState.Failed, diff.State);
        Assert.Equal((null, true, "it failed: it changed nothing, and the last good revision stays desired"), (diff.Base, diff.Recorded, diff.Note));
        Assert.Equal((new DiffCounts(0, 0, 0), 0), (diff.Counts, diff.Clusters.Count));
    }

    [Theory]
    [InlineData("not-a-sha", "", "'not-a-sha' is not a revision: give its full sha or a unique prefix, 7 to 64 hexadecimal characters")]
    [InlineData("abc12", "", "'abc12' is not a revision: give its full sha or a unique prefix, 7 to 64 hexadecimal characters")]
    [InlineData("0123456789012345678901234567890123456789012345678901234567890123a", "",
        "'0123456789012345678901234567890123456789012345678901234567890123a' is not a revision: give its full sha or a unique prefix, 7 to 64 hexadecimal characters")]
    [InlineData(null, "?cluster=edge-site-1&continue=ZWRnZQ", "give cluster (one cluster's whole diff) or continue (the next page), not both")]
    [InlineData(null, "?continue=!!!", "invalid continue token '!!!'")]
    [InlineData(null, "?cluster=", "cluster must be a cluster name of 1 to 253 characters, got 0")]
    public async Task Diff_BadRequest_400ProblemNamingWhat(string? sha, string query, string detail)
    {
        await using var scenario = await HubScenario.StartAsync(StoreKind.Sqlite);

        using var response = await scenario.Host.Client.GetAsync($"/api/v1/revisions/{sha ?? scenario.InitialSha}/diff{query}");

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, detail);
    }

    [Fact]
    public async Task Diff_UnknownRevisionOrCluster_404Problem()
    {
        await using var scenario = await HubScenario.StartAsync(StoreKind.Sqlite);

        using var revision = await scenario.Host.Client.GetAsync("/api/v1/revisions/0000000/diff");
        using var cluster = await scenario.Host.Client.GetAsync($"/api/v1/revisions/{scenario.InitialSha}/diff?cluster=nope");

        await AssertProblemAsync(revision, HttpStatusCode.NotFound, "revision '0000000' not found (give the full sha or a unique prefix of at least 7 characters)");
        await AssertProblemAsync(cluster, HttpStatusCode.NotFound, $"revision {scenario.InitialSha} changed no cluster named 'nope' that you may see");
    }

    /// <summary><see cref="TestFleetCompiler"/>, with one more file written into the checkout when <see cref="Extra"/> is set.</summary>
    private sealed class ExtraFileCompiler : IRevisionCompiler
    {
        private readonly TestFleetCompiler _inner = new();

        public (string Path, string Text)? Extra { get; set; }

        public Task<CompileResult> CompileAsync(string checkoutDirectory, string revision, CancellationToken cancellationToken)
        {
            if (Extra is { } extra)
            {
                var path = Path.Combine(checkoutDirectory, extra.Path);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, extra.Text);
            }
            return _inner.CompileAsync(checkoutDirectory, revision, cancellationToken);
        }
    }

    internal static async Task<RevisionDiffResponse> DiffAsync(HubScenario scenario, string sha, string query = "") =>
        await scenario.Host.GetAsync<RevisionDiffResponse>($"/api/v1/revisions/{sha}/diff{query}");

    internal static string ConfigMap(string name, string data) =>
        $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}\n  namespace: platform\ndata:\n  {data}\n";

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string detail)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(detail, (await response.Content.ReadFromJsonAsync<ProblemBody>())!.Detail);
    }
}

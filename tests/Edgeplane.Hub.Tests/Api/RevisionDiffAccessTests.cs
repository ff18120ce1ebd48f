using System.Net;
using System.Net.Http.Json;
using Edgeplane.Hub.Api.Contracts;
using Edgeplane.Hub.Auth;
using Edgeplane.Hub.Tests.Auth;
using Edgeplane.Hub.Tests.Infrastructure;
using static Edgeplane.Hub.Tests.Api.RevisionDiffApiTests;

namespace Edgeplane.Hub.Tests.Api;

/// <summary>What a revision diff lets a caller see: only its workspaces' clusters, and never a Secret's data.</summary>
public sealed class RevisionDiffAccessTests
{
    private const string FirstPassword = "first-pa55word-of-the-db";
    private const string SecondPassword = "second-pa55word-of-the-db";

    [StoreTheory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Diff_WorkspaceMember_SeesAndCountsOnlyItsWorkspacesClusters(StoreKind store)
    {
        // ran targets the edge layer (edge-site-1), core the cloud layer (cloud-eu).
        await using var scenario = await HubScenario.StartAsync(store, compiler: new WorkspaceTestCompiler());
        var member = await Callers.MintAsync(scenario.Host, HubRoles.WorkspaceMember, "ran");
        scenario.Repo.Write("common/namespace.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: platform\n  labels: {team: core}\n");
        var revision = await scenario.CommitAndProcessAsync("label the platform namespace everywhere");

        var admin = await DiffAsync(scenario, revision.Sha);
        var mine = await ReadAsync<RevisionDiffResponse>(scenario, member, $"/api/v1/revisions/{revision.Sha}/diff");
        using var other = await Callers.SendAsync(scenario.Host, member, "GET", $"/api/v1/revisions/{revision.Sha}/diff?cluster=cloud-eu");
        var first = await ReadAsync<RevisionDiffResponse>(scenario, member, $"/api/v1/revisions/{scenario.InitialSha}/diff");

        Assert.Equal(["cloud-eu", "edge-site-1", "regional-eu-1"], admin.Clusters.Select(c => c.Name));
        Assert.Equal(["edge-site-1"], mine.Clusters.Select(c => c.Name));
        Assert.Equal((new DiffCounts(0, 0, 1), 0), (mine.Counts, mine.OmittedClusters));
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal($"revision {revision.Sha} changed no cluster named 'cloud-eu' that you may see",
            (await other.Content.ReadFromJsonAsync<ProblemBody>())!.Detail);
        Assert.Equal(["edge-site-1"], first.Clusters.Select(c => c.Name));
        Assert.Equal(new DiffCounts(1, 0, 0), first.Counts);
    }

    [Fact]
    public async Task Diff_WorkspaceMember_RevisionThatChangedOnlyOthersClusters_EmptyWithoutSayingWhich()
    {
        await using var scenario = await HubScenario.StartAsync(StoreKind.Sqlite, compiler: new WorkspaceTestCompiler());
        var member = await Callers.MintAsync(scenario.Host, HubRoles.WorkspaceMember, "ran");
        scenario.Repo.Write("clusters/cloud-eu/extra.yaml", ConfigMap("cloud-only", "k: v"));
        var revision = await scenario.CommitAndProcessAsync("cloud-eu only");

        var mine = await ReadAsync<RevisionDiffResponse>(scenario, member, $"/api/v1/revisions/{revision.Sha}/diff");

        Assert.Equal((new DiffCounts(0, 0, 0), 0, "it changed the bundle of no cluster you may see"), (mine.Counts, mine.Clusters.Count, mine.Note));
    }

    [StoreTheory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Diff_SecretAddedThenChanged_ItsValuesNeverInTheAnswer_ItsChangedKeysAre(StoreKind store)
    {
        await using var scenario = await HubScenario.StartAsync(store);
        scenario.Repo.Write("clusters/edge-site-1/secret.yaml", Secret(FirstPassword, "dGVzdA=="));
        var added = await scenario.CommitAndProcessAsync("db credentials");
        scenario.Repo.Write("clusters/edge-site-1/secret.yaml", Secret(SecondPassword, "dGVzdDI="));
        var changed = await scenario.CommitAndProcessAsync("rotate the db password");

        var addedText = await scenario.Host.Client.GetStringAsync($"/api/v1/revisions/{added.Sha}/diff?cluster=edge-site-1");
        var changedText = await scenario.Host.Client.GetStringAsync($"/api/v1/revisions/{changed.Sha}/diff?cluster=edge-site-1");
        var pageText = await scenario.Host.Client.GetStringAsync($"/api/v1/revisions/{changed.Sha}/diff");
        var diff = await DiffAsync(scenario, changed.Sha, "?cluster=edge-site-1");

        Assert.Contains("v1/Secret/platform/db-credentials", addedText, StringComparison.Ordinal);
        foreach (var secret in new[] { FirstPassword, SecondPassword, "dGVzdA==", "dGVzdDI=" })
        {
            Assert.DoesNotContain(secret, addedText + changedText + pageText, StringComparison.Ordinal);
        }
        var fields = Assert.Single(Assert.Single(diff.Clusters).Changed).Fields;
        Assert.Equal(["data.token", "stringData.password"], fields.Select(f => f.Path));
        Assert.All(fields, f => Assert.Equal(("(redacted)", "(redacted)", true), ((string?)f.Old, (string?)f.New, f.Redacted)));
    }

    private static string Secret(string password, string token) =>
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db-credentials\n  namespace: platform\ntype: Opaque\n" +
        $"stringData:\n  password: {password}\ndata:\n  token: {token}\n";

    private static async Task<T> ReadAsync<T>(HubScenario scenario, string token, string path)
    {
        using var response = await Callers.SendAsync(scenario.Host, token, "GET", path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<T>(HubHost.Json))!;
    }
}

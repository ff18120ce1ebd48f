using System.Text.Json.Nodes;
using Edgeplane.Agent.Identity;
using Edgeplane.Hub.Api.Contracts;
using Edgeplane.Hub.Identity;
using Edgeplane.Hub.Pipeline;
using Edgeplane.Hub.Store;
using Edgeplane.Hub.Tests.Fleet;
using Edgeplane.Hub.Tests.Infrastructure;
using Edgeplane.Protocol.Bundles;
using Edgeplane.Protocol.Identity;
using Edgeplane.Protocol.V1;
using Edgeplane.Rendering.Generators;
using Google.Protobuf;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Edgeplane.Hub.Tests.Pipeline;

/// <summary>
/// The Cluster API join Secrets the hub adds to the management cluster's bundle (examples/fleet: eks-eu-west provisions
/// the six clusters in <see cref="Provisioned"/>): a token minted per provisioned cluster, kept across commits while unused (the bundle stays put),
/// carried unchanged once the cluster enrolled, and replaced after it expired unused (the head is compiled again).
/// </summary>
public sealed class JoinSecretTests
{
    private const string Management = "eks-eu-west";
    private const string Gateway = "https://hub.example.com:7443";
    private static readonly TimeSpan Ttl = TimeSpan.FromHours(2);

    /// <summary>The clusters the example fleet provisions from eks-eu-west, one per backend template.</summary>
    private static readonly string[] Provisioned = ["aks-us-east", "edge-lux-01", "eks-us-east", "gke-eu-west", "os-fra", "vs-iad"];

    /// <summary>The hub with the join Secrets on; its reissuer is checked by the test (<see cref="JoinTokenReissuer.CheckAsync"/>), not on a timer.</summary>
    private static Task<ExampleFleetHub> StartAsync(StoreKind kind = StoreKind.Sqlite) =>
        ExampleFleetHub.StartAsync(kind, o => o with { GatewayUrl = Gateway, JoinTokenTtl = Ttl }, services =>
        {
            services.Remove(services.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(JoinTokenReissuer)));
            services.AddSingleton<JoinTokenReissuer>();
        });

    private static void ChangeAnEdgeSite(ExampleFleetHub hub, string from, string to) =>
        ExampleFleet.ReplaceOnce(hub.Repo, "fleet.yaml", ExampleFleet.MucSiteVariable.Replace("eu02", from, StringComparison.Ordinal),
            ExampleFleet.MucSiteVariable.Replace("eu02", to, StringComparison.Ordinal));

    [Fact]
    public async Task FirstRevision_OneSingleUseTokenPerProvisionedCluster_InTheManagementBundleOnly()
    {
        await using var hub = await StartAsync();
        Assert.Equal(RevisionState.Applied, (await hub.Host.WaitForRevisionAsync(hub.InitialSha)).State);

        var secrets = await JoinSecretsAsync(hub);

        Assert.Equal(Provisioned, secrets.Keys.Order());
        foreach (var (cluster, secret) in secrets)
        {
            Assert.Equal((cluster.StartsWith("edge-", StringComparison.Ordinal) ? "capi-edge" : "capi-clusters", Edgeplane.Rendering.ProvisioningContract.JoinSecretType), ((string)secret["metadata"]!["namespace"]!, (string)secret["type"]!));
            var token = BootstrapToken.Parse(AgentJoinSecret.ReadToken(secret));
            var record = await hub.Host.Service<IIdentityStore>().FindTokenAsync(token.Id, default);
            Assert.NotNull(record);
            Assert.Equal((cluster, null), (record.Cluster.Value, record.UsedAt));
            Assert.Equal(hub.Host.Time.GetUtcNow() + Ttl, record.ExpiresAt, TimeSpan.FromMilliseconds(1));
            Assert.Equal(token.Id, (string)secret["metadata"]!["annotations"]![AgentJoinSecret.TokenIdAnnotation]!);
            Assert.Equal(hub.Host.Service<HubCertificateAuthority>().Pin, token.CaPin);
            var manifests = Manifests(secret);
            Assert.Equal(Gateway, Decoded(manifests.Single(o => (string)o["kind"]! == "Secret")["data"]!["hub"]));
            Assert.Equal(cluster, Decoded(manifests.Single(o => (string)o["kind"]! == "Secret")["data"]!["cluster"]));
        }
        var issued = await IssuedAsync(hub);
        Assert.Equal(Provisioned, issued.Select(a => a.Target).Order());
        Assert.All(issued, a => Assert.Equal(("hub", "Issued"), (a.Actor, a.Outcome)));
        Assert.All(issued, a => Assert.DoesNotContain(BootstrapToken.Parse(AgentJoinSecret.ReadToken(secrets[a.Target])).Secret, a.Details!, StringComparison.Ordinal));
        foreach (var (name, cluster) in await hub.ClustersAsync())
        {
            if (name != Management)
            {
                Assert.DoesNotContain(await BundleAsync(hub, cluster.Desired.Digest!), o => (string?)o["kind"] == "Secret"
                    && ((string?)o["metadata"]!["name"])!.StartsWith(AgentJoinSecret.Name(""), StringComparison.Ordinal));
            }
        }
    }

    [Fact]
    public async Task LaterCommits_UnusedValidToken_IsKept_TheManagementBundleDoesNotMove()
    {
        await using var hub = await StartAsync();
        await hub.Host.WaitForRevisionAsync(hub.InitialSha);
        var before = (await hub.ClustersAsync())[Management].Desired.Digest;
        var tokens = TokenIds(await JoinSecretsAsync(hub));

        ChangeAnEdgeSite(hub, "eu02", "eu92");
        Assert.Equal(RevisionState.Applied, (await hub.CommitOnIntervalAsync("an edge site's variable")).State);
        hub.Host.Time.Advance(TimeSpan.FromMinutes(30));
        ChangeAnEdgeSite(hub, "eu92", "eu93");
        Assert.Equal(RevisionState.Applied, (await hub.CommitOnIntervalAsync("the same variable, half an hour later")).State);

        Assert.Equal(before, (await hub.ClustersAsync())[Management].Desired.Digest);
        Assert.Equal(tokens, TokenIds(await JoinSecretsAsync(hub)));
        Assert.Equal(Provisioned.Length, (await IssuedAsync(hub)).Count);
    }

    [Fact]
    public async Task Enrolled_TheSecretIsCarriedUnchanged_WhileAnUnenrolledOnesExpiredTokenIsReplaced()
    {
        await using var hub = await StartAsync();
        await hub.Host.WaitForRevisionAsync(hub.InitialSha);
        var first = await JoinSecretsAsync(hub);
        await EnrolAsync(hub, BootstrapToken.Parse(AgentJoinSecret.ReadToken(first["os-fra"])));

        hub.Host.Time.Advance(Ttl + TimeSpan.FromMinutes(1));
        ChangeAnEdgeSite(hub, "eu02", "eu92");
        Assert.Equal(RevisionState.Applied, (await hub.CommitOnIntervalAsync("a commit after the first token expired")).State);
        var second = await JoinSecretsAsync(hub);

        Assert.Equal(Stable(first["os-fra"]), Stable(second["os-fra"]));
        Assert.NotEqual(TokenIds(first)["vs-iad"], TokenIds(second)["vs-iad"]);
        // os-fra enrolled and keeps its Secret; every other cluster's expired token was replaced once
        Assert.Equal(Provisioned.Concat(Provisioned.Where(c => c != "os-fra")).Order(), (await IssuedAsync(hub)).Select(a => a.Target).Order());
    }

    [StoreTheory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ExpiredUnused_TheReissuerCompilesTheHeadAgain_AFreshTokenIsIssued(StoreKind kind)
    {
        await using var hub = await StartAsync(kind);
        await hub.Host.WaitForRevisionAsync(hub.InitialSha);
        var first = await JoinSecretsAsync(hub);
        var reissuer = hub.Host.Service<JoinTokenReissuer>();
        Assert.Empty(await reissuer.CheckAsync(default)); // still valid: nothing to do
        await EnrolAsync(hub, BootstrapToken.Parse(AgentJoinSecret.ReadToken(first["vs-iad"])));

        hub.Host.Time.Advance(Ttl);
        var processed = ProcessedAgain(hub, hub.InitialSha);
        var expired = await reissuer.CheckAsync(default);

        Assert.Equal(Provisioned.Where(c => c != "vs-iad"), expired.Order());
        Assert.Equal(RevisionState.Applied, await processed);
        var second = await JoinSecretsAsync(hub);
        Assert.NotEqual(TokenIds(first)["os-fra"], TokenIds(second)["os-fra"]);
        Assert.Equal(Stable(first["vs-iad"]), Stable(second["vs-iad"]));
        var token = await hub.Host.Service<IIdentityStore>().FindTokenAsync(TokenIds(second)["os-fra"], default);
        Assert.Equal(hub.Host.Time.GetUtcNow() + Ttl, token!.ExpiresAt, TimeSpan.FromMilliseconds(1)); // PostgreSQL keeps microseconds
        var requeue = await hub.Host.Service<IAuditStore>().ListAuditAsync(new AuditQuery { Action = "revision.requeue" }, 10, null, default);
        Assert.Contains("os-fra", Assert.Single(requeue.Items).Details, StringComparison.Ordinal); // among the expired ones
        Assert.Empty(await reissuer.CheckAsync(default)); // the fresh one is valid
    }

    [Fact]
    public async Task NoGatewayUrl_NoSecret_NoTokenMinted()
    {
        await using var hub = await ExampleFleetHub.StartAsync(StoreKind.Sqlite);
        await hub.Host.WaitForRevisionAsync(hub.InitialSha);

        Assert.Empty(await JoinSecretsAsync(hub));
        Assert.Empty(await IssuedAsync(hub));
    }

    private static async Task<Dictionary<string, JsonObject>> JoinSecretsAsync(ExampleFleetHub hub)
    {
        var management = (await hub.ClustersAsync())[Management];
        return (await BundleAsync(hub, management.Desired.Digest!))
            .Where(o => (string?)o["kind"] == "Secret" && ((string?)o["metadata"]!["name"])!.StartsWith(AgentJoinSecret.Name(""), StringComparison.Ordinal))
            .ToDictionary(o => ((string)o["metadata"]!["name"]!)[AgentJoinSecret.Name("").Length..]);
    }

    private static async Task<IReadOnlyList<JsonObject>> BundleAsync(ExampleFleetHub hub, string digest)
    {
        using var response = await hub.Host.Client.GetAsync($"/api/v1/bundles/{digest}?format=json");
        response.EnsureSuccessStatusCode();
        return BundleDocument.Parse(await response.Content.ReadAsByteArrayAsync()).Objects;
    }

    private static async Task<IReadOnlyList<AuditView>> IssuedAsync(ExampleFleetHub hub) =>
        (await hub.Host.Service<IAuditStore>().ListAuditAsync(new AuditQuery { Action = JoinSecrets.IssueAction }, 100, null, default)).Items;

    private static Dictionary<string, string> TokenIds(Dictionary<string, JsonObject> secrets) =>
        secrets.ToDictionary(s => s.Key, s => (string)s.Value["metadata"]!["annotations"]![AgentJoinSecret.TokenIdAnnotation]!);

    /// <summary>The Secret without the per-revision annotation the bundle writer stamps on every object.</summary>
    private static string Stable(JsonObject secret)
    {
        var copy = (JsonObject)secret.DeepClone();
        copy["metadata"]!["annotations"]!.AsObject().Remove("edgeplane.dev/source-revision");
        return copy.ToJsonString();
    }

    private static List<JsonObject> Manifests(JsonObject secret) =>
        Edgeplane.Model.Yaml.YamlLoader.Load("agent.yaml", Decoded(secret["data"]![AgentJoinSecret.DataKey]))
            .Documents.Select(d => (JsonObject)d.Root).ToList();

    private static string Decoded(JsonNode? node) => System.Text.Encoding.UTF8.GetString(Convert.FromBase64String((string)node!));

    private static async Task EnrolAsync(ExampleFleetHub hub, BootstrapToken token) =>
        await hub.Host.Service<EnrollmentService>().EnrollAsync(new EnrollRequest
        {
            TokenId = token.Id,
            TokenSecret = token.Secret,
            ProtocolVersion = 1,
            CsrDer = ByteString.CopyFrom(AgentKeys.NewKeyAndCsr(null).CsrDer),
        }, CancellationToken.None);

    private static Task<RevisionState> ProcessedAgain(ExampleFleetHub hub, string sha)
    {
        var done = new TaskCompletionSource<RevisionState>(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.Host.Activity.RevisionProcessed += (processed, state) =>
        {
            if (processed == sha)
            {
                done.TrySetResult(state);
            }
        };
        return done.Task.WaitAsync(TimeSpan.FromSeconds(60));
    }
}

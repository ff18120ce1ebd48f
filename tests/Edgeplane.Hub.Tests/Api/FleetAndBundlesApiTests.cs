using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Edgeplane.Hub.Api.Contracts;
using Edgeplane.Hub.Auth;
using Edgeplane.Hub.Store;
using Edgeplane.Hub.Tests.Infrastructure;

namespace Edgeplane.Hub.Tests.Api;

public sealed class FleetAndBundlesApiTests
{
    [StoreTheory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task FleetSummary_CountsByLayerAndReflectsStatusReports(StoreKind store)
    {
        await using var scenario = await HubScenario.StartAsync(store);
        var clusters = scenario.Host.Service<IClusterStore>();
        var edge = (await scenario.Host.GetAsync<ClusterDetailResponse>("/api/v1/clusters/edge-site-1")).Cluster;
        var now = scenario.Host.Time.GetUtcNow().UtcDateTime;
        await clusters.RecordStatusAsync(new ClusterStatusReport("edge-site-1", 1, now, edge.Target.Digest, "v1.30.2", "Healthy", false, []), default);
        await clusters.RecordStatusAsync(new ClusterStatusReport("cloud-eu", 1, now, "sha256:old", "v1.31.0", "Degraded", true,
            [new ClusterCondition("Ready", "False", "HealthCheckFailed", "deployment x not available")]), default);

        var fleet = await scenario.Host.GetAsync<FleetSummaryResponse>("/api/v1/fleet");

        Assert.Equal(["cloud", "regional", "edge"], fleet.Layers.Select(l => l.Layer));
        // No gateway tracks these clusters: a recent report makes the link Unknown (as connection.state says), none Offline.
        Assert.Equal(new LayerSummary("cloud", 1, 0, 1, 1, 0, 1), fleet.Layers[0]);
        Assert.Equal(new LayerSummary("regional", 1, 0, 0, 0, 1, 0), fleet.Layers[1]);
        Assert.Equal(new LayerSummary("edge", 1, 1, 0, 0, 0, 1), fleet.Layers[2]);
        Assert.Equal(new LayerSummary("total", 3, 1, 1, 1, 1, 2), fleet.Total);
        Assert.Equal(scenario.InitialSha, fleet.CurrentRevision!.Sha);
        Assert.Null(fleet.LastError);
        Assert.Equal(scenario.InitialSha, fleet.Source.Head);
        var cloud = (await scenario.Host.GetAsync<ClusterDetailResponse>("/api/v1/clusters/cloud-eu")).Cluster;
        Assert.Equal(("Degraded", true, "v1.31.0"), (cloud.Status.Health, cloud.Status.Drifted, cloud.Status.KubernetesVersion));
        Assert.Equal("HealthCheckFailed", Assert.Single(cloud.Status.Conditions).Reason);
    }

    [StoreTheory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task RecordStatus_OldOrRepeatedSequence_IsIgnored(StoreKind store)
    {
        await using var scenario = await HubScenario.StartAsync(store);
        var clusters = scenario.Host.Service<IClusterStore>();
        var now = scenario.Host.Time.GetUtcNow().UtcDateTime;

        var first = await clusters.RecordStatusAsync(new ClusterStatusReport("edge-site-1", 5, now, "sha256:a", null, "Healthy", false, []), default);
        var repeated = await clusters.RecordStatusAsync(new ClusterStatusReport("edge-site-1", 5, now, "sha256:b", null, "Degraded", false, []), default);
        var older = await clusters.RecordStatusAsync(new ClusterStatusReport("edge-site-1", 4, now, "sha256:c", null, "Degraded", false, []), default);
        var unknown = await clusters.RecordStatusAsync(new ClusterStatusReport("nope", 1, now, null, null, null, false, []), default);

        Assert.Equal((StatusReportOutcome.Recorded, StatusReportOutcome.Stale, StatusReportOutcome.Stale, StatusReportOutcome.UnknownCluster),
            (first, repeated, older, unknown));
        var edge = (await scenario.Host.GetAsync<ClusterDetailResponse>("/api/v1/clusters/edge-site-1")).Cluster;
        Assert.Equal(("sha256:a", "Healthy"), (edge.AppliedDigest, edge.Status.Health));
    }

    [StoreTheory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task GetBundle_Json_IsCanonicalBytesMatchingDigest_YamlByAcceptOrFormat(StoreKind store)
    {
        await using var scenario = await HubScenario.StartAsync(store);
        var digest = (await scenario.Host.GetAsync<ClusterDetailResponse>("/api/v1/clusters/edge-site-1")).Cluster.Desired.Digest!;

        var json = await scenario.Host.Client.GetByteArrayAsync($"/api/v1/bundles/{digest}");
        var yaml = await scenario.Host.Client.GetStringAsync($"/api/v1/bundles/{digest}?format=yaml");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/bundles/{digest}");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/yaml"));
        using var byAccept = await scenario.Host.Client.SendAsync(request);

        Assert.Equal(digest, "sha256:" + Convert.ToHexStringLower(SHA256.HashData(json)));
        Assert.Contains("kind: ConfigMap", yaml);
        Assert.Contains("\n---\n", yaml);
        Assert.Equal("application/yaml", byAccept.Content.Headers.ContentType?.MediaType);
        Assert.Equal(yaml, await byAccept.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task GetBundle_UnknownDigestOrFormat_ReturnsProblem()
    {
        await using var scenario = await HubScenario.StartAsync(StoreKind.Sqlite);
        var digest = (await scenario.Host.GetAsync<ClusterDetailResponse>("/api/v1/clusters/edge-site-1")).Cluster.Desired.Digest!;

        using var missing = await scenario.Host.Client.GetAsync("/api/v1/bundles/sha256:0000");
        using var badFormat = await scenario.Host.Client.GetAsync($"/api/v1/bundles/{digest}?format=xml");

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("bundle 'sha256:0000' not found", (await missing.Content.ReadFromJsonAsync<ProblemBody>())!.Detail);
        Assert.Equal(HttpStatusCode.BadRequest, badFormat.StatusCode);
        Assert.Equal("format must be 'json' or 'yaml', got 'xml'", (await badFormat.Content.ReadFromJsonAsync<ProblemBody>())!.Detail);
    }

    [Fact]
    public async Task HealthReadyAndMetrics_NeedNoToken_MetricsCountRevisionsAndClusters()
    {
        await using var scenario = await HubScenario.StartAsync(StoreKind.Sqlite);

        var healthz = await scenario.Host.Anonymous.GetStringAsync("/healthz");
        var readyz = await scenario.Host.Anonymous.GetStringAsync("/readyz");
        await scenario.Host.Client.GetAsync("/api/v1/clusters");
        var metrics = await scenario.Host.Anonymous.GetStringAsync("/metrics");

        Assert.Equal("ok\n", healthz);
        Assert.Equal("ready\n", readyz);
        Assert.Contains("edgeplane_hub_revisions_total{outcome=\"applied\"} 1", metrics);
        Assert.Contains("edgeplane_hub_clusters{layer=\"edge\",state=\"total\"} 1", metrics);
        Assert.Contains("edgeplane_hub_render_duration_seconds_count 1", metrics);
        foreach (var phase in new[] { "checkout", "load", "render", "plan", "compress", "store" })
        {
            Assert.Contains($"edgeplane_hub_revision_phase_duration_seconds_count{{phase=\"{phase}\"}} 1", metrics);
        }
        Assert.Contains("http_requests_received_total", metrics);
    }

    [Fact]
    public async Task OpenApiDocument_IsServedWithToken()
    {
        await using var scenario = await HubScenario.StartAsync(StoreKind.Sqlite);

        var document = await scenario.Host.Client.GetStringAsync("/openapi/v1.json");
        using var anonymous = await scenario.Host.Anonymous.GetAsync("/openapi/v1.json");

        Assert.Contains("\"/api/v1/clusters\"", document);
        Assert.Contains("\"/api/v1/revisions/{sha}/approve\"", document);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task Approve_ViewerToken_Returns403()
    {
        await using var scenario = await HubScenario.StartAsync(StoreKind.Sqlite);
        var (token, record) = ApiTokens.Create("reader", HubRoles.Viewer, DateTime.UtcNow);
        await scenario.Host.Service<ITokenStore>().AddTokenAsync(record, default);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/revisions/{scenario.InitialSha}/approve");
        request.Headers.Authorization = new("Bearer", token);

        using var response = await scenario.Host.Anonymous.SendAsync(request);
        using var read = new HttpRequestMessage(HttpMethod.Get, "/api/v1/clusters");
        read.Headers.Authorization = new("Bearer", token);
        using var readResponse = await scenario.Host.Anonymous.SendAsync(read);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, readResponse.StatusCode);
    }
}

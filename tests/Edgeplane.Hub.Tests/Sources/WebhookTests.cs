using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Edgeplane.Hub.Api.Contracts;
using Edgeplane.Hub.Store.Entities;
using Edgeplane.Hub.Tests.Infrastructure;

namespace Edgeplane.Hub.Tests.Sources;

public sealed class WebhookTests
{
    private const string Body = """{"ref":"refs/heads/main"}""";

    public static TheoryData<string, StoreKind> ProvidersAndStores()
    {
        var data = new TheoryData<string, StoreKind>();
        foreach (var store in Stores.All())
        {
            foreach (var provider in new[] { "github", "gitea", "gitlab" })
            {
                data.Add(provider, store);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(ProvidersAndStores))]
    public async Task SignedWebhook_TriggersImmediateFetch(string provider, StoreKind store)
    {
        await using var scenario = await HubScenario.StartAsync(store);
        scenario.Repo.Write("common/extra.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\n  namespace: platform\n");
        var sha = scenario.Repo.Commit("pushed");

        using var response = await scenario.Host.Anonymous.SendAsync(Signed(provider, Guid.NewGuid().ToString(), HubScenario.WebhookSecret));
        var revision = await scenario.Host.WaitForRevisionAsync(sha);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(RevisionState.Applied, revision.State);
        var audit = await scenario.Host.GetAsync<PageResponse<AuditEntryResponse>>("/api/v1/audit");
        Assert.Contains(audit.Items, a => a.Action == "source.webhook" && a.Actor == $"webhook:{provider}");
    }

    [Theory]
    [InlineData("github", "the webhook is not signed (no X-Hub-Signature-256 / X-Gitea-Signature / X-Gitlab-Token header)")]
    [InlineData("gitea", "the webhook is not signed (no X-Hub-Signature-256 / X-Gitea-Signature / X-Gitlab-Token header)")]
    [InlineData("gitlab", "the webhook is not signed (no X-Hub-Signature-256 / X-Gitea-Signature / X-Gitlab-Token header)")]
    public async Task UnsignedWebhook_Rejected401(string provider, string detail)
    {
        await using var scenario = await HubScenario.StartAsync(StoreKind.Sqlite);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/webhooks/{provider}") { Content = new StringContent(Body) };
        request.Headers.Add(DeliveryHeader(provider), Guid.NewGuid().ToString());

        using var response = await scenario.Host.Anonymous.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(detail, (await response.Content.ReadFromJsonAsync<ProblemBody>())!.Detail);
    }

    [Theory]
    [InlineData("github")]
    [InlineData("gitea")]
    [InlineData("gitlab")]
    public async Task WrongSecret_Rejected401(string provider)
    {
        await using var scenario = await HubScenario.StartAsync(StoreKind.Sqlite);

        using var response = await scenario.Host.Anonymous.SendAsync(Signed(provider, Guid.NewGuid().ToString(), "wrong-secret"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("the webhook signature does not match", (await response.Content.ReadFromJsonAsync<ProblemBody>())!.Detail);
    }

    [Fact]
    public async Task TamperedBody_Rejected401()
    {
        await using var scenario = await HubScenario.StartAsync(StoreKind.Sqlite);
        using var request = Signed("github", Guid.NewGuid().ToString(), HubScenario.WebhookSecret);
        request.Content = new StringContent(Body + " ");

        using var response = await scenario.Host.Anonymous.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("github")]
    [InlineData("gitea")]
    [InlineData("gitlab")]
    public async Task ReplayedDelivery_Rejected401(string provider)
    {
        await using var scenario = await HubScenario.StartAsync(StoreKind.Sqlite);
        var delivery = Guid.NewGuid().ToString();

        using var first = await scenario.Host.Anonymous.SendAsync(Signed(provider, delivery, HubScenario.WebhookSecret));
        using var replay = await scenario.Host.Anonymous.SendAsync(Signed(provider, delivery, HubScenario.WebhookSecret));

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
        Assert.Equal("this webhook delivery was already received (replay)", (await replay.Content.ReadFromJsonAsync<ProblemBody>())!.Detail);
    }

    [Fact]
    public async Task ReplayAfterWindow_IsAcceptedAgain()
    {
        await using var scenario = await HubScenario.StartAsync(StoreKind.Sqlite);
        var delivery = Guid.NewGuid().ToString();
        using var first = await scenario.Host.Anonymous.SendAsync(Signed("github", delivery, HubScenario.WebhookSecret));

        scenario.Host.Time.Advance(scenario.Options.WebhookReplayWindow + TimeSpan.FromSeconds(1));
        using var later = await scenario.Host.Anonymous.SendAsync(Signed("github", delivery, HubScenario.WebhookSecret));

        Assert.Equal(HttpStatusCode.Accepted, later.StatusCode);
    }

    [Fact]
    public async Task Webhook_WithoutDeliveryId_Rejected401()
    {
        await using var scenario = await HubScenario.StartAsync(StoreKind.Sqlite);
        using var request = Signed("github", "", HubScenario.WebhookSecret);

        using var response = await scenario.Host.Anonymous.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.StartsWith("the webhook has no delivery id", (await response.Content.ReadFromJsonAsync<ProblemBody>())!.Detail);
    }

    [Fact]
    public async Task Webhook_NoSecretConfigured_Rejected401()
    {
        using var temp = new TempDirectory();
        using var repo = TestRepo.FromFixture(temp.Sub("repo"), "fleet", out var sha);
        await using var host = await HubHost.StartAsync(HubHost.Options(repo.Path, temp.Sub("data"), null, webhookSecret: null));

        using var response = await host.Anonymous.SendAsync(Signed("github", "d1", "anything"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.StartsWith("webhooks are disabled", (await response.Content.ReadFromJsonAsync<ProblemBody>())!.Detail);
    }

    [Fact]
    public async Task Webhook_UnknownProvider_Returns404()
    {
        await using var scenario = await HubScenario.StartAsync(StoreKind.Sqlite);

        using var response = await scenario.Host.Anonymous.PostAsync("/api/v1/webhooks/bitbucket", new StringContent(Body));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static HttpRequestMessage Signed(string provider, string delivery, string secret)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/webhooks/{provider}") { Content = new StringContent(Body, Encoding.UTF8, "application/json") };
        var hmac = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(Body)));
        switch (provider)
        {
            case "github":
                request.Headers.Add("X-Hub-Signature-256", $"sha256={hmac}");
                break;
            case "gitea":
                request.Headers.Add("X-Gitea-Signature", hmac);
                break;
            default:
                request.Headers.Add("X-Gitlab-Token", secret);
                break;
        }
        if (delivery.Length > 0)
        {
            request.Headers.Add(DeliveryHeader(provider), delivery);
        }
        return request;
    }

    private static string DeliveryHeader(string provider) => provider switch
    {
        "github" => "X-GitHub-Delivery",
        "gitea" => "X-Gitea-Delivery",
        _ => "X-Gitlab-Event-UUID",
    };
}

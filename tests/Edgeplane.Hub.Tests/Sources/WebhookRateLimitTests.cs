using System.Net;
using System.Net.Http.Json;
using Edgeplane.Hub.Tests.Infrastructure;

namespace Edgeplane.Hub.Tests.Sources;

/// <summary>
/// The webhook endpoint's rate limit, per remote address and for all together, on the fake clock: 429 with problem
/// details and Retry-After, checked before anything else. A second address comes from binding to 127.0.0.2.
/// </summary>
public sealed class WebhookRateLimitTests
{
    [Fact]
    public async Task Webhooks_FloodFromOneAddress_429WithRetryAfter_OtherAddressServed_RefillsWithTheClock()
    {
        await using var hub = await StartAsync(new HubLimits { WebhookRatePerAddress = 0.5, WebhookBurstPerAddress = 2 });
        using var other = ClientFrom(IPAddress.Parse("127.0.0.2"), hub.Host.BaseAddress);

        var admitted = new[] { await PostAsync(hub.Host.Anonymous), await PostAsync(hub.Host.Anonymous) };
        using var refused = await hub.Host.Anonymous.PostAsync("/api/v1/webhooks/github", new StringContent("{}"));

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized], admitted);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("2", refused.Headers.GetValues("Retry-After").Single());
        var problem = (await refused.Content.ReadFromJsonAsync<ProblemBody>())!;
        Assert.Equal("webhook rate limit: address 127.0.0.1 may send 2 requests at once, then 0.5 per second; retry after 2 s", problem.Detail);
        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(other));
        hub.Host.Time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(hub.Host.Anonymous));
        Assert.Equal(HttpStatusCode.TooManyRequests, await PostAsync(hub.Host.Anonymous));
    }

    [Fact]
    public async Task Webhooks_OverTheOverallRate_429ForEveryAddress()
    {
        await using var hub = await StartAsync(new HubLimits { WebhookRate = 1, WebhookBurst = 3 });
        using var other = ClientFrom(IPAddress.Parse("127.0.0.2"), hub.Host.BaseAddress);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(hub.Host.Anonymous));
        }

        using var refused = await other.PostAsync("/api/v1/webhooks/gitlab", new StringContent("{}"));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("webhook rate limit: all addresses together may send 3 requests at once, then 1 per second; retry after 1 s",
            (await refused.Content.ReadFromJsonAsync<ProblemBody>())!.Detail);
        hub.Host.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(other));
    }

    [Fact]
    public void Build_NonPositiveWebhookRate_RefusedAtStartNamingTheSetting()
    {
        using var temp = new TempDirectory();
        var options = HubHost.Options(temp.Sub("repo"), temp.Sub("data"), null, "secret") with { Limits = new HubLimits { WebhookRate = 0 } };

        var e = Assert.Throws<ArgumentException>(() => HubApplication.Build(options));

        Assert.Equal("invalid hub limits: WebhookRatePerAddress and WebhookRate must be > 0, WebhookBurstPerAddress, WebhookBurst and " +
            "MaxWebhookAddresses >= 1", e.Message);
    }

    private static async Task<HttpStatusCode> PostAsync(HttpClient client)
    {
        using var response = await client.PostAsync("/api/v1/webhooks/github", new StringContent("{}"));
        return response.StatusCode;
    }

    private static async Task<LimitedHub> StartAsync(HubLimits limits)
    {
        var temp = new TempDirectory();
        var repo = TestRepo.FromFixture(temp.Sub("repo"), "fleet", out _);
        var host = await HubHost.StartAsync(HubHost.Options(repo.Path, temp.Sub("data"), null, HubScenario.WebhookSecret) with { Limits = limits });
        return new LimitedHub(temp, repo, host);
    }

    private static HttpClient ClientFrom(IPAddress local, Uri hub) => new(new SocketsHttpHandler
    {
        ConnectCallback = LocalAddress.ConnectFrom(local),
    })
    { BaseAddress = hub };

    private sealed class LimitedHub(TempDirectory temp, TestRepo repo, HubHost host) : IAsyncDisposable
    {
        public HubHost Host { get; } = host;

        public async ValueTask DisposeAsync()
        {
            await Host.DisposeAsync();
            repo.Dispose();
            temp.Dispose();
        }
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
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

    [StoreTheory]
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
    public async Task ReplayedDelivery_SameIdAndBody_200DuplicateAndNothingDone(string provider)
    {
        await using var scenario = await HubScenario.StartAsync(StoreKind.Sqlite);
        var delivery = Guid.NewGuid().ToString();

        using var first = await scenario.Host.Anonymous.SendAsync(Signed(provider, delivery, HubScenario.WebhookSecret));
        using var replay = await scenario.Host.Anonymous.SendAsync(Signed(provider, delivery, HubScenario.WebhookSecret));

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        var duplicate = (await replay.Content.ReadFromJsonAsync<WebhookDuplicateResponse>(HubHost.Json))!;
        Assert.Equal("Duplicate", duplicate.Outcome);
        Assert.StartsWith("this webhook delivery (the same signed body) was already received at ", duplicate.Detail, StringComparison.Ordinal);
        Assert.Equal(1, await WebhookAuditRowsAsync(scenario.Host, provider));
    }

    [Theory]
    [InlineData("github")]
    [InlineData("gitea")]
    [InlineData("gitlab")]
    public async Task CapturedSignedBody_ResentWithAFreshDeliveryId_200DuplicateWithoutAuditOrFetch(string provider)
    {
        await using var scenario = await HubScenario.StartAsync(StoreKind.Sqlite);

        using var first = await scenario.Host.Anonymous.SendAsync(Signed(provider, Guid.NewGuid().ToString(), HubScenario.WebhookSecret));
        var replies = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var replay = await scenario.Host.Anonymous.SendAsync(Signed(provider, Guid.NewGuid().ToString(), HubScenario.WebhookSecret));
            replies.Add(replay.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK], replies);
        // The audit row is written right after the fetch is requested, and the reply comes after both: one row means the
        // replays requested no fetch either.
        Assert.Equal(1, await WebhookAuditRowsAsync(scenario.Host, provider));
    }

    [Fact]
    public async Task UnsignedBody_RefusedFromItsHeaders_401BeforeTheBodyIsSent()
    {
        await using var scenario = await HubScenario.StartAsync(StoreKind.Sqlite);

        // Headers of a 4 MiB body, and none of the body: a hub that waited for the body would never answer.
        var reply = await RawRequestAsync(scenario.Host.BaseAddress,
            $"X-GitHub-Delivery: {Guid.NewGuid()}\r\nContent-Type: application/json\r\nContent-Length: {4 * 1024 * 1024}\r\n");

        Assert.StartsWith("HTTP/1.1 401 ", reply, StringComparison.Ordinal);
        Assert.Contains("the webhook is not signed (no X-Hub-Signature-256 / X-Gitea-Signature / X-Gitlab-Token header)", reply,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeclaredLengthOverTheLimit_413BeforeTheBodyIsSent()
    {
        await using var scenario = await HubScenario.StartAsync(StoreKind.Sqlite);
        var length = scenario.Options.Limits.MaxWebhookBytes + 1;

        var reply = await RawRequestAsync(scenario.Host.BaseAddress,
            $"X-GitHub-Delivery: {Guid.NewGuid()}\r\nX-Hub-Signature-256: sha256={new string('0', 64)}\r\nContent-Length: {length}\r\n");

        Assert.StartsWith("HTTP/1.1 413 ", reply, StringComparison.Ordinal);
        Assert.Contains($"webhook body is larger than {length - 1} bytes", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BodyThatNeverArrives_408AfterTheReadTimeoutAndNothingDone()
    {
        await using var scenario = await HubScenario.StartAsync(StoreKind.Sqlite);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(scenario.Host.BaseAddress.Host, scenario.Host.BaseAddress.Port);
        var stream = tcp.GetStream();
        var head = $"POST /api/v1/webhooks/github HTTP/1.1\r\nHost: {scenario.Host.BaseAddress.Authority}\r\nX-GitHub-Delivery: {Guid.NewGuid()}\r\n"
            + $"X-Hub-Signature-256: sha256={new string('0', 64)}\r\nContent-Length: 1000\r\n\r\n{{\"ref\":";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        var buffer = new byte[8192];
        var reply = stream.ReadAsync(buffer).AsTask();

        // The handler arms its deadline on the hub's (fake) clock once it starts reading; move the clock until it fires.
        for (var i = 0; i < 500 && !reply.IsCompleted; i++)
        {
            scenario.Host.Time.Advance(scenario.Options.Limits.WebhookReadTimeout + TimeSpan.FromSeconds(1));
            await Task.WhenAny(reply, Task.Delay(20));
        }

        var text = Encoding.ASCII.GetString(buffer, 0, await reply.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.StartsWith("HTTP/1.1 408 ", text, StringComparison.Ordinal);
        Assert.Contains("the webhook body was not received within 30 s", text, StringComparison.Ordinal);
        Assert.Equal(0, await WebhookAuditRowsAsync(scenario.Host, "github"));
    }

    [Fact]
    public async Task UnsignedFourMegabyteBody_401()
    {
        await using var scenario = await HubScenario.StartAsync(StoreKind.Sqlite);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/webhooks/github")
        {
            Content = new ByteArrayContent(new byte[4 * 1024 * 1024]),
        };
        request.Headers.Add("X-GitHub-Delivery", Guid.NewGuid().ToString());

        using var response = await scenario.Host.Anonymous.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, await WebhookAuditRowsAsync(scenario.Host, "github"));
    }

    [Fact]
    public async Task ChunkedBodyOverTheLimit_413AndNothingDone()
    {
        await using var scenario = await HubScenario.StartAsync(StoreKind.Sqlite);
        var body = new byte[scenario.Options.Limits.MaxWebhookBytes + 1];
        var hmac = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(HubScenario.WebhookSecret), body));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/webhooks/github") { Content = new StreamContent(new UnknownLengthStream(body)) };
        request.Headers.Add("X-GitHub-Delivery", Guid.NewGuid().ToString());
        request.Headers.Add("X-Hub-Signature-256", $"sha256={hmac}");
        request.Headers.TransferEncodingChunked = true;

        using var response = await scenario.Host.Anonymous.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal($"webhook body is larger than {body.Length - 1} bytes", (await response.Content.ReadFromJsonAsync<ProblemBody>())!.Detail);
        Assert.Equal(0, await WebhookAuditRowsAsync(scenario.Host, "github"));
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

    private static async Task<int> WebhookAuditRowsAsync(HubHost host, string provider)
    {
        var audit = await host.GetAsync<PageResponse<AuditEntryResponse>>("/api/v1/audit?limit=1000");
        return audit.Items.Count(a => a.Action == "source.webhook" && a.Actor == $"webhook:{provider}");
    }

    /// <summary>Sends a webhook request's head (and no body) over a plain socket; returns the reply's first bytes.</summary>
    private static async Task<string> RawRequestAsync(Uri hub, string headers)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(hub.Host, hub.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"POST /api/v1/webhooks/github HTTP/1.1\r\nHost: {hub.Authority}\r\n{headers}\r\n"));
        var buffer = new byte[8192];
        var read = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        return Encoding.ASCII.GetString(buffer, 0, read);
    }

    /// <summary>A stream that does not tell its length, so the request is sent chunked.</summary>
    private sealed class UnknownLengthStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }

    private static string DeliveryHeader(string provider) => provider switch
    {
        "github" => "X-GitHub-Delivery",
        "gitea" => "X-Gitea-Delivery",
        _ => "X-Gitlab-Event-UUID",
    };
}

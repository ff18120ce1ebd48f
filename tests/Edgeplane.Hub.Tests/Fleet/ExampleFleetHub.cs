using System.Net;
using System.Security.Cryptography;
using System.Text;
using Edgeplane.Hub.Api.Contracts;
using Edgeplane.Hub.Pipeline;
using Edgeplane.Hub.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Edgeplane.Hub.Tests.Fleet;

/// <summary>
/// A temp Git repo holding a copy of examples/fleet (one commit), a fresh store of one kind, and a hub on Kestrel port 0
/// running the real <see cref="FleetRevisionCompiler"/> (loader, validator, renderer) on a fake clock.
/// </summary>
internal sealed class ExampleFleetHub : IAsyncDisposable
{
    public const string WebhookSecret = "example-fleet-secret";

    private readonly Func<HubOptions, HubOptions> _configure;
    private readonly Action<IServiceCollection>? _services;

    private ExampleFleetHub(TempDirectory temp, TestRepo repo, string? store, string initialSha, Func<HubOptions, HubOptions> configure,
        Action<IServiceCollection>? services)
    {
        _services = services;
        Temp = temp;
        Repo = repo;
        Store = store;
        InitialSha = initialSha;
        _configure = configure;
    }

    public TempDirectory Temp { get; }

    public TestRepo Repo { get; }

    public string? Store { get; }

    public string InitialSha { get; }

    public HubHost Host { get; private set; } = null!;

    public string Token { get; private set; } = "";

    public HubOptions Options => _configure(HubHost.Options(Repo.Path, Temp.Sub("data"), Store, WebhookSecret));

    /// <summary>Starts a hub over a fresh copy of the example; the caller waits for <see cref="InitialSha"/>.</summary>
    public static async Task<ExampleFleetHub> StartAsync(StoreKind kind, Func<HubOptions, HubOptions>? configure = null,
        Action<IServiceCollection>? services = null)
    {
        var temp = new TempDirectory();
        var repo = new TestRepo(temp.Sub("repo"));
        ExampleFleet.CopyInto(repo);
        var sha = repo.Commit("example fleet");
        var hub = new ExampleFleetHub(temp, repo, await Stores.CreateAsync(kind), sha, configure ?? (o => o), services);
        await hub.RestartAsync();
        return hub;
    }

    /// <summary>Stops the hub (if running) and starts a new one on the same data folder and store.</summary>
    public async Task RestartAsync()
    {
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }
        // The hub's own compiler, built by the hub (it reads the store to carry a rejected workspace's last good objects).
        Host = await HubHost.StartAsync(Options, Token.Length > 0 ? Token : null,
            services: s =>
            {
                s.AddSingleton<IRevisionCompiler, FleetRevisionCompiler>();
                _services?.Invoke(s);
            });
        if (Token.Length == 0)
        {
            Token = Host.AdminToken!;
        }
    }

    /// <summary>Commits, lets the poll interval pass on the fake clock, and waits for the revision's outcome.</summary>
    public async Task<RevisionResponse> CommitOnIntervalAsync(string message)
    {
        var sha = Repo.Commit(message);
        await Host.AdvancePollIntervalAsync(Options.PollInterval, sha);
        return await Host.WaitForRevisionAsync(sha);
    }

    /// <summary>Commits, sends a signed GitHub push webhook (the clock does not move), and waits for the revision's outcome.</summary>
    public async Task<RevisionResponse> CommitThroughWebhookAsync(string message)
    {
        var sha = Repo.Commit(message);
        var body = $$"""{"ref":"refs/heads/main","after":"{{sha}}"}"""; // as a real push: each one a different body
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/webhooks/github") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        var hmac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(WebhookSecret), Encoding.UTF8.GetBytes(body));
        request.Headers.Add("X-Hub-Signature-256", "sha256=" + Convert.ToHexStringLower(hmac));
        request.Headers.Add("X-GitHub-Delivery", Guid.NewGuid().ToString());
        using var response = await Host.Anonymous.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return await Host.WaitForRevisionAsync(sha);
    }

    /// <summary>Every cluster the API lists (one page of up to 1,000), by name.</summary>
    public async Task<Dictionary<string, ClusterResponse>> ClustersAsync()
    {
        var page = await Host.GetAsync<PageResponse<ClusterResponse>>("/api/v1/clusters?limit=1000");
        Assert.Null(page.Continue);
        return page.Items.ToDictionary(c => c.Name);
    }

    public async ValueTask DisposeAsync()
    {
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }
        Repo.Dispose();
        Temp.Dispose();
    }
}

using System.Net.Http.Headers;
using System.Net.Http.Json;
using Edgeplane.Cli.Up;
using Edgeplane.Hub;
using Edgeplane.Hub.Api.Contracts;
using Edgeplane.Hub.Tests.Auth;
using LibGit2Sharp;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace Edgeplane.Dashboard.Tests.Support;

/// <summary>
/// A hub of the OIDC sign-in tests' own (the shared <see cref="DashboardStack"/> takes API tokens only): the example fleet
/// on SQLite, without agents (its clusters are listed, their links unknown), taking JWTs from a
/// <see cref="TestOidcProvider"/> that does the browser's authorization code flow, with <see cref="AdminGroup"/> as
/// fleet-admins and <see cref="ViewerGroup"/> as viewers. The provider has the hub's <c>/login/callback</c> registered and
/// answers the hub's origin with CORS, as Dex is set up in docs/oidc.md.
/// </summary>
public sealed class OidcHub : IAsyncLifetime
{
    public const string AdminGroup = "platform";
    public const string ViewerGroup = "noc";

    private readonly string _root = Path.Combine(Path.GetTempPath(), "edgeplane-dashboard-oidc", Guid.NewGuid().ToString("N")[..12]);
    private WebApplication? _app;

    public Uri HubUrl { get; private set; } = null!;

    public string AdminToken { get; private set; } = null!;

    public string Repo => Path.Combine(_root, "repo");

    /// <summary>The issuer as the sign-in button names it (without the scheme).</summary>
    public string IssuerName => Provider.Issuer["http://".Length..];

    internal TestOidcProvider Provider { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Provider = await TestOidcProvider.StartAsync();
        var fleet = FleetRepo.FindExampleFleet() ?? throw new InvalidOperationException("examples/fleet not found");
        FleetRepo.EnsureCreated(Repo, fleet, FleetRepo.FindUpOverlay());
        var options = new HubOptions
        {
            Repo = Repo,
            DataDirectory = Path.Combine(_root, "hub"),
            Listen = "http://127.0.0.1:0",
            PollInterval = TimeSpan.FromMilliseconds(300),
            AdminTokenCreated = token => AdminToken = token,
            Oidc = new OidcOptions { Issuer = Provider.Issuer, Audience = TestOidcProvider.Audience, AdminGroups = [AdminGroup], ViewerGroups = [ViewerGroup] },
        };
        _app = HubApplication.Build(options, [], builder => builder.Logging.ClearProviders());
        await _app.StartAsync();
        HubUrl = new Uri(_app.Urls.Single());
        Provider.Browser.RedirectUris.Add(new Uri(HubUrl, "/login/callback").ToString());
        Provider.Browser.AllowedOrigins.Add(HubUrl.GetLeftPart(UriPartial.Authority));
        string head;
        using (var repo = new Repository(Repo))
        {
            head = repo.Head.Tip.Sha;
        }
        Assert.Equal(RevisionState.Applied, (await WaitForRevisionAsync(head)).State);
    }

    /// <summary>Commits every change in the fleet repo; returns the commit's sha.</summary>
    public string Commit(string message) => FleetRepo.CommitAll(Repo, message);

    /// <summary>
    /// The revision once the hub has processed it (not Pending or Approved). Woken by the hub's own event stream: the
    /// revision is read again after each event, so no change is missed between a read and the next event.
    /// </summary>
    public async Task<RevisionResponse> WaitForRevisionAsync(string sha)
    {
        using var limit = new CancellationTokenSource(DashboardStack.Timeout);
        using var api = Api(AdminToken);
        using var stream = await api.GetAsync("/api/v1/events", HttpCompletionOption.ResponseHeadersRead, limit.Token);
        stream.EnsureSuccessStatusCode();
        using var events = new StreamReader(await stream.Content.ReadAsStreamAsync(limit.Token));
        RevisionResponse? revision = null;
        try
        {
            while (true)
            {
                using (var response = await api.GetAsync($"/api/v1/revisions/{sha}", limit.Token))
                {
                    revision = response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<RevisionResponse>(DashboardStack.Json, limit.Token) : null;
                }
                if (revision is not null && revision.State is not (RevisionState.Pending or RevisionState.Approved))
                {
                    return revision;
                }
                await NextEventAsync(events, limit.Token);
            }
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested)
        {
            throw new TimeoutException($"the hub did not process revision {sha[..12]} within {DashboardStack.Timeout}; last {revision?.State}");
        }
    }

    private static async Task NextEventAsync(StreamReader events, CancellationToken cancellationToken)
    {
        string line;
        do
        {
            line = await events.ReadLineAsync(cancellationToken) ?? throw new InvalidOperationException("the hub's event stream ended");
        }
        while (!line.StartsWith("event:", StringComparison.Ordinal));
    }

    /// <summary>An HTTP client for the hub's REST API with <paramref name="token"/>.</summary>
    public HttpClient Api(string token)
    {
        var client = new HttpClient { BaseAddress = HubUrl };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
        if (Provider is not null)
        {
            await Provider.DisposeAsync();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // a file still held by a closing component; the temp folder is cleaned by the OS
        }
    }
}

using System.Security.Cryptography;
using System.Text;
using Edgeplane.Hub.Api.Contracts;
using Edgeplane.Hub;
using Edgeplane.Hub.Hosting;
using Edgeplane.Hub.Store.Entities;
using LibGit2Sharp;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Edgeplane.Cli.Tests.HubFleet;

/// <summary>
/// A real hub as <c>edgeplane hub</c> builds it (SQLite, the default compiler: fleet loader and renderer; Kestrel port 0)
/// over a Git copy of examples/fleet, with the first revision applied. One per test class.
/// </summary>
public sealed class ExampleFleetHubFixture : IAsyncLifetime
{
    public const int ClusterCount = 30;
    private const string WebhookSecret = "cli-example-fleet-secret";
    private string? _token;

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "edgeplane-cli-fleet-tests", Guid.NewGuid().ToString("N")[..12]);

    public string RepoPath => Path.Combine(Root, "repo");

    public WebApplication App { get; private set; } = null!;

    public string Url => App.Urls.First();

    public string Token => _token ?? throw new InvalidOperationException("no admin token");

    public string InitialSha { get; private set; } = "";

    public string[] Connection => ["--hub", Url, "--token", Token];

    public async Task InitializeAsync()
    {
        var example = Path.Combine(CliRun.RepoRoot(), "examples", "fleet");
        foreach (var file in Directory.EnumerateFiles(example, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(RepoPath, Path.GetRelativePath(example, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        Repository.Init(RepoPath);
        using (var repo = new Repository(RepoPath))
        {
            repo.Refs.UpdateTarget("HEAD", "refs/heads/main");
        }
        InitialSha = Commit("example fleet");
        var options = new HubOptions
        {
            Repo = RepoPath,
            DataDirectory = Path.Combine(Root, "data"),
            Listen = "http://127.0.0.1:0",
            WebhookSecret = WebhookSecret,
            AdminTokenCreated = t => _token = t,
        };
        App = HubApplication.Build(options, [], b => b.Logging.ClearProviders());
        var applied = WaitForRevision(InitialSha);
        await App.StartAsync();
        Assert.Equal(RevisionState.Applied, await applied);
    }

    /// <summary>A task that completes with the final state of <paramref name="sha"/> (arm it before triggering).</summary>
    public Task<RevisionState> WaitForRevision(string sha)
    {
        var done = new TaskCompletionSource<RevisionState>(TaskCreationOptions.RunContinuationsAsynchronously);
        App.Services.GetRequiredService<HubActivity>().RevisionProcessed += (processed, state) =>
        {
            if (processed == sha)
            {
                done.TrySetResult(state);
            }
        };
        return done.Task.WaitAsync(TimeSpan.FromSeconds(120));
    }

    public string Commit(string message)
    {
        using var repo = new Repository(RepoPath);
        LibGit2Sharp.Commands.Stage(repo, "*");
        var signature = new Signature("CLI Test", "cli@example.com", DateTimeOffset.UtcNow);
        return repo.Commit(message, signature, signature, new CommitOptions { AllowEmptyCommit = true }).Sha;
    }

    /// <summary>Commits, sends a signed GitHub webhook, and waits for the revision's final state.</summary>
    public async Task<(string Sha, RevisionState State)> CommitAndPushAsync(string message)
    {
        var sha = Commit(message);
        var processed = WaitForRevision(sha);
        var body = $$"""{"ref":"refs/heads/main","after":"{{sha}}"}"""; // as a real push: each one a different body
        using var http = new HttpClient { BaseAddress = new Uri(Url) };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/webhooks/github") { Content = new StringContent(body) };
        var hmac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(WebhookSecret), Encoding.UTF8.GetBytes(body));
        request.Headers.Add("X-Hub-Signature-256", "sha256=" + Convert.ToHexStringLower(hmac));
        request.Headers.Add("X-GitHub-Delivery", Guid.NewGuid().ToString());
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (sha, await processed);
    }

    public Task DisposeAsync() => HostedHub.StopAsync(App, Root);
}

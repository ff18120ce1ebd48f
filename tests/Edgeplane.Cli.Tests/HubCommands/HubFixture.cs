using Edgeplane.Hub.Api.Contracts;
using Edgeplane.Hub;
using Edgeplane.Hub.Hosting;
using Edgeplane.Hub.Pipeline;
using Edgeplane.Hub.Tests.Infrastructure;
using Edgeplane.Hub.Store.Entities;
using LibGit2Sharp;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Edgeplane.Cli.Tests.HubCommands;

/// <summary>
/// A real hub (SQLite, Kestrel port 0) over a Git copy of the hub tests' small fleet (three clusters, one per layer)
/// and their YAML compiler, started once for the CLI hub tests, with the first revision applied.
/// </summary>
public sealed class HubFixture : IAsyncLifetime
{
    public const string WebhookSecret = "cli-tests-secret";
    private string? _token;

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "edgeplane-cli-hub-tests", Guid.NewGuid().ToString("N")[..12]);

    public string RepoPath => Path.Combine(Root, "repo");

    public WebApplication App { get; private set; } = null!;

    public string Url => App.Urls.First();

    public string Token => _token ?? throw new InvalidOperationException("no admin token");

    public string InitialSha { get; private set; } = "";

    public int ClusterCount { get; private set; }

    public async Task InitializeAsync()
    {
        CopyDirectory(Path.Combine(AppContext.BaseDirectory, "testdata", "hub-fleet"), RepoPath);
        Repository.Init(RepoPath);
        using (var repo = new Repository(RepoPath))
        {
            repo.Refs.UpdateTarget("HEAD", "refs/heads/main");
        }
        InitialSha = Commit("initial fleet");
        var options = new HubOptions
        {
            Repo = RepoPath,
            DataDirectory = Path.Combine(Root, "data"),
            Listen = "http://127.0.0.1:0",
            WebhookSecret = WebhookSecret,
            AdminTokenCreated = t => _token = t,
        };
        App = HubApplication.Build(options, [], b =>
        {
            b.Logging.ClearProviders();
            b.Services.AddSingleton<IRevisionCompiler>(new TestFleetCompiler());
        });
        var applied = WaitForRevision(InitialSha);
        await App.StartAsync();
        Assert.Equal(RevisionState.Applied, await applied);
        ClusterCount = 3;
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

    /// <summary>Asks the hub to fetch now, the way a GitHub webhook does.</summary>
    public async Task TriggerFetchAsync()
    {
        var body = $$"""{"ref":"refs/heads/main","after":"{{Guid.NewGuid():N}}"}"""; // each push a different body, as a forge sends
        using var http = new HttpClient { BaseAddress = new Uri(Url) };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/webhooks/github") { Content = new StringContent(body) };
        var hmac = System.Security.Cryptography.HMACSHA256.HashData(System.Text.Encoding.UTF8.GetBytes(WebhookSecret), System.Text.Encoding.UTF8.GetBytes(body));
        request.Headers.Add("X-Hub-Signature-256", "sha256=" + Convert.ToHexStringLower(hmac));
        request.Headers.Add("X-GitHub-Delivery", Guid.NewGuid().ToString());
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
    }

    public Task DisposeAsync() => HostedHub.StopAsync(App, Root);


    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}

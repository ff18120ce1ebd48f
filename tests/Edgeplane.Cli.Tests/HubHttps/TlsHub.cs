using Edgeplane.Hub;
using Edgeplane.Hub.Hosting;
using Edgeplane.Hub.Pipeline;
using Edgeplane.Hub.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Edgeplane.Cli.Tests.HubHttps;

/// <summary>A real hub (SQLite, the hub tests' small fleet) whose REST listener is https://127.0.0.1 on port 0.</summary>
internal sealed class TlsHub : IAsyncDisposable
{
    private TlsHub(string root, HubOptions options, WebApplication app, string token)
    {
        Root = root;
        Options = options;
        App = app;
        Token = token;
    }

    public string Root { get; }

    public HubOptions Options { get; }

    public WebApplication App { get; }

    public string Token { get; }

    public string Url => App.Urls.First();

    /// <summary>Starts a hub; <paramref name="configure"/> may set the certificate files or turn the gateway on.</summary>
    public static async Task<TlsHub> StartAsync(Func<HubOptions, HubOptions>? configure = null)
    {
        var root = Path.Combine(Path.GetTempPath(), "edgeplane-cli-tls-tests", Guid.NewGuid().ToString("N")[..12]);
        var repo = Path.Combine(root, "repo");
        foreach (var file in Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "testdata", "hub-fleet"), "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(repo, Path.GetRelativePath(Path.Combine(AppContext.BaseDirectory, "testdata", "hub-fleet"), file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        LibGit2Sharp.Repository.Init(repo);
        string? token = null;
        var options = (configure ?? (o => o))(new HubOptions
        {
            Repo = repo,
            DataDirectory = Path.Combine(root, "data"),
            Listen = "https://127.0.0.1:0",
            AdminTokenCreated = t => token = t,
        });
        var app = HubApplication.Build(options, [], b =>
        {
            b.Logging.ClearProviders();
            b.Services.AddSingleton<IRevisionCompiler>(new TestFleetCompiler());
        });
        await app.StartAsync();
        return new TlsHub(root, options, app, token ?? throw new InvalidOperationException("no admin token was created"));
    }

    /// <summary>The hub CA file clients are told to trust (null when the hub serves certificate files).</summary>
    public string? HubCaFile => ApiListener.HubCaCertificateFile(Options);

    public async ValueTask DisposeAsync() => await HostedHub.StopAsync(App, Root);
}

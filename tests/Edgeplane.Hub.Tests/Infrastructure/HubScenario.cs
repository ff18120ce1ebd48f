using Edgeplane.Hub.Api.Contracts;
using Edgeplane.Hub.Store.Entities;

namespace Edgeplane.Hub.Tests.Infrastructure;

/// <summary>A temp fleet repo (testdata/fleet), a fresh store of one kind, and a hub that has applied the first commit.</summary>
internal sealed class HubScenario : IAsyncDisposable
{
    public const string WebhookSecret = "s3cret-for-tests";

    private readonly Func<HubOptions, HubOptions> _configure;
    private Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? _services;

    private HubScenario(TempDirectory temp, TestRepo repo, string? store, string initialSha, Func<HubOptions, HubOptions>? configure)
    {
        Temp = temp;
        Repo = repo;
        Store = store;
        InitialSha = initialSha;
        _configure = configure ?? (o => o);
    }

    public TempDirectory Temp { get; }

    public TestRepo Repo { get; }

    public string? Store { get; }

    public string InitialSha { get; }

    public HubHost Host { get; private set; } = null!;

    public string Token { get; private set; } = "";

    public HubOptions Options => _configure(HubHost.Options(Repo.Path, Temp.Sub("data"), Store, WebhookSecret));

    public static async Task<HubScenario> StartAsync(StoreKind kind, string fixture = "fleet", Func<HubOptions, HubOptions>? configure = null,
        Edgeplane.Hub.Pipeline.IRevisionCompiler? compiler = null,
        Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? services = null)
    {
        var temp = new TempDirectory();
        var repo = TestRepo.FromFixture(temp.Sub("repo"), fixture, out var sha);
        var scenario = new HubScenario(temp, repo, await Stores.CreateAsync(kind), sha, configure) { _services = services };
        await scenario.RestartAsync(compiler);
        var first = await scenario.Host.WaitForRevisionAsync(sha);
        Assert.Equal(RevisionState.Applied, first.State);
        return scenario;
    }

    /// <summary>Stops the hub (if running) and starts a new one on the same data folder and store.</summary>
    public async Task RestartAsync(Edgeplane.Hub.Pipeline.IRevisionCompiler? compiler = null)
    {
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }
        Host = await HubHost.StartAsync(Options, Token.Length > 0 ? Token : null, compiler, services: _services);
        if (Token.Length == 0)
        {
            Token = Host.AdminToken!;
        }
    }

    /// <summary>Commits, triggers a fetch through the poll interval, and waits for the revision's outcome.</summary>
    public async Task<Edgeplane.Hub.Api.Contracts.RevisionResponse> CommitAndProcessAsync(string message)
    {
        var sha = Repo.Commit(message);
        await Host.AdvancePollIntervalAsync(Options.PollInterval, sha);
        return await Host.WaitForRevisionAsync(sha);
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

using Edgeplane.Hub;
using Edgeplane.Hub.Gateway.Availability;
using Edgeplane.Hub.Hosting;
using Edgeplane.Hub.Identity;
using Edgeplane.Hub.Store;
using Edgeplane.Hub.Store.Entities;
using Edgeplane.Protocol.Identity;
using LibGit2Sharp;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Edgeplane.Cli.Up;

public sealed partial class UpStack
{
    /// <summary>Discover and Enroll calls all of up's agents may make at once from loopback (two per cluster, 5,000 clusters).</summary>
    private const int LocalEnrolBurst = 10_000;

    /// <summary>
    /// Starts the hub on the data folder (same ports as before once it ran: agents hold its address). Throws
    /// <see cref="InvalidOperationException"/> when it is running already or cannot start.
    /// </summary>
    public async Task StartHubAsync(CancellationToken cancellationToken = default)
    {
        if (_hub is not null)
        {
            throw new InvalidOperationException("the hub is running already");
        }
        var options = new HubOptions
        {
            Repo = Layout.Repo,
            Branch = FleetRepo.Branch,
            DataDirectory = Layout.Hub,
            Listen = $"http://127.0.0.1:{_apiPort}",
            GatewayListen = $"https://127.0.0.1:{_gatewayPort}",
            PollInterval = _settings.PollInterval,
            // Every agent of up enrols from 127.0.0.1 in this process: the per-address enrolment limit, meant for one
            // site or one NAT, would only stagger up's own start.
            Gateway = _settings.Gateway with { EnrollBurst = Math.Max(_settings.Gateway.EnrollBurst, LocalEnrolBurst) },
            AdminTokenCreated = SaveAdminToken,
        };
        var app = HubApplication.Build(options, [], builder =>
        {
            builder.Logging.ClearProviders();
            builder.Logging.SetMinimumLevel(_settings.LogLevel);
            builder.Logging.AddProvider(_logFile);
            builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        });
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw new InvalidOperationException($"the hub could not start: {e.Message}", e);
        }
        _apiPort = PortOf(app, "http://");
        _gatewayPort = PortOf(app, "https://");
        app.Services.GetRequiredService<HubActivity>().RevisionProcessed += OnRevisionProcessed;
        app.Services.GetRequiredService<AvailabilityTracker>().Ticked += RaiseChanged;
        _hub = app;
        RaiseChanged();
    }

    /// <summary>Stops the hub (agents get a Goodbye and keep running on their cached bundles).</summary>
    public async Task StopHubAsync()
    {
        var app = Interlocked.Exchange(ref _hub, null);
        if (app is null)
        {
            return;
        }
        app.Services.GetRequiredService<HubActivity>().RevisionProcessed -= OnRevisionProcessed;
        app.Services.GetRequiredService<AvailabilityTracker>().Ticked -= RaiseChanged;
        await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    /// <summary>A service of the running hub (stores, identity services, activity events).</summary>
    public T HubService<T>() where T : notnull => Hub.Services.GetRequiredService<T>();

    /// <summary>
    /// Waits until the hub has processed <paramref name="sha"/> (Applied, Failed, Held or Superseded) and returns it.
    /// Throws <see cref="TimeoutException"/> after <paramref name="timeout"/>.
    /// </summary>
    public async Task<RevisionRecord> WaitForRevisionAsync(string sha, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        while (true)
        {
            var next = NextChange();
            if (_hub is not null && await HubService<IRevisionStore>().GetRevisionAsync(sha, limit.Token).ConfigureAwait(false) is { } revision
                && revision.State is RevisionState.Applied or RevisionState.Failed or RevisionState.Held or RevisionState.Superseded)
            {
                return revision;
            }
            try
            {
                await next.WaitAsync(limit.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"the hub did not process revision {sha[..Math.Min(12, sha.Length)]} within {timeout}");
            }
        }
    }

    /// <summary>Creates a bootstrap token for <paramref name="cluster"/> through the hub's identity service.</summary>
    public async Task<string> CreateTokenAsync(string cluster, TimeSpan? ttl = null, CancellationToken cancellationToken = default)
    {
        var created = await HubService<BootstrapTokenService>()
            .CreateAsync(ClusterId.Parse(cluster), ttl ?? _settings.TokenTtl, cancellationToken).ConfigureAwait(false);
        return created.Text;
    }

    /// <summary>The fleet's head commit must be processed before agents start; a first revision that fails stops <c>up</c>.</summary>
    private async Task WaitForHeadAsync(CancellationToken cancellationToken)
    {
        string head;
        using (var repo = new Repository(Layout.Repo))
        {
            head = repo.Branches[FleetRepo.Branch]?.Tip?.Sha
                ?? throw new InvalidOperationException($"the fleet repo '{Layout.Repo}' has no branch '{FleetRepo.Branch}'");
        }
        var revision = await WaitForRevisionAsync(head, _settings.FirstRevisionTimeout, cancellationToken).ConfigureAwait(false);
        if (revision.State == RevisionState.Applied || (await ListClustersAsync(cancellationToken).ConfigureAwait(false)).Count > 0)
        {
            return;
        }
        var errors = revision.Errors.Take(20).Select(e => $"  {e.File}:{e.Line}:{e.Column}: {e.Message}");
        throw new InvalidOperationException(
            $"the fleet repo's head {head[..12]} is {revision.State} and no earlier revision applied: {revision.Reason}"
            + Environment.NewLine + string.Join(Environment.NewLine, errors));
    }

    private void OnRevisionProcessed(string sha, RevisionState state)
    {
        RaiseChanged();
        if (state == RevisionState.Applied && !_stopping.IsCancellationRequested)
        {
            _ = SyncClustersInBackgroundAsync();
        }
    }

    private void SaveAdminToken(string token)
    {
        NewAdminToken = token;
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using var writer = new StreamWriter(new FileStream(Layout.AdminToken, options));
        writer.WriteLine(token);
    }

    private static int PortOf(WebApplication app, string scheme) =>
        new Uri(app.Urls.Single(u => u.StartsWith(scheme, StringComparison.Ordinal))).Port;
}

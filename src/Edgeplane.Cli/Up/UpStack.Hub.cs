using Edgeplane.Cli.HubClient;
using Edgeplane.Hub;
using Edgeplane.Hub.Api.Contracts;
using Edgeplane.Hub.Gateway;
using LibGit2Sharp;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;
using Microsoft.AspNetCore.Builder;
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
        _hub = app;
        HubApiClient api;
        try
        {
            api = new HubApiClient(HubUrl, AdminTokenText());
        }
        catch (InvalidOperationException)
        {
            await StopHubAsync().ConfigureAwait(false);
            throw;
        }
        _api = api;
        _watching = new CancellationTokenSource();
        _watch = WatchHubAsync(api, _watching.Token);
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
        if (_watching is not null)
        {
            await _watching.CancelAsync().ConfigureAwait(false);
            await _watch.ConfigureAwait(false);
            _watching.Dispose();
            _watching = null;
        }
        var api = Interlocked.Exchange(ref _api, null);
        await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
        api?.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    /// <summary>
    /// Waits until the hub has processed <paramref name="sha"/> (Applied, Failed, Held or Superseded) and returns it, as
    /// <c>GET /api/v1/revisions/{sha}</c> answers. Throws <see cref="TimeoutException"/> after <paramref name="timeout"/>.
    /// </summary>
    public async Task<RevisionResponse> WaitForRevisionAsync(string sha, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            while (true)
            {
                var next = NextChange();
                if (_api is { } api && await api.FindRevisionAsync(sha, limit.Token).ConfigureAwait(false) is { } revision
                    && revision.State is RevisionState.Applied or RevisionState.Failed or RevisionState.Held or RevisionState.Superseded)
                {
                    return revision;
                }
                await next.WaitAsync(limit.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"the hub did not process revision {sha[..Math.Min(12, sha.Length)]} within {timeout}");
        }
    }

    /// <summary>
    /// Creates a bootstrap token for <paramref name="cluster"/> (a cluster the hub lists) through the hub's REST API
    /// (<c>POST /api/v1/clusters/{name}/tokens</c>, audited like any other).
    /// </summary>
    public async Task<string> CreateTokenAsync(string cluster, TimeSpan? ttl = null, CancellationToken cancellationToken = default)
    {
        var lifetime = ttl ?? _settings.TokenTtl;
        var created = await Api.CreateTokenAsync(cluster, $"{(long)Math.Ceiling(lifetime.TotalSeconds)}s", cancellationToken).ConfigureAwait(false);
        return created.Token;
    }

    private HubApiClient Api => _api ?? throw new InvalidOperationException("the hub is stopped");

    /// <summary>The admin API token: made by the hub at first start, read from the data folder on later runs.</summary>
    private string AdminTokenText()
    {
        if (NewAdminToken is { } token)
        {
            return token;
        }
        try
        {
            return File.ReadAllText(Layout.AdminToken).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException(
                $"cannot read the hub's admin API token from {Layout.AdminToken} ({e.Message}); up talks to the hub through its REST API " +
                $"with it. The hub makes it only at first start: delete {Layout.Root} to start from scratch", e);
        }
    }

    /// <summary>
    /// Polls the hub's fleet summary every <see cref="GatewayOptions.EvaluateInterval"/> (the cadence at which the hub
    /// re-judges availability): a newly applied revision starts agents for clusters it added, and every poll wakes the
    /// convergence readers.
    /// </summary>
    private async Task WatchHubAsync(HubApiClient api, CancellationToken stop)
    {
        string? applied = null;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_settings.Gateway.EvaluateInterval, _time, stop).ConfigureAwait(false);
                var current = (await api.GetFleetAsync(stop).ConfigureAwait(false)).CurrentRevision?.Sha;
                if (current is not null && current != applied && !_stopping.IsCancellationRequested)
                {
                    applied = current;
                    _ = SyncClustersInBackgroundAsync();
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (HubClientException e)
            {
                LogWatchFailed(_logger, e.Message);
            }
            RaiseChanged();
        }
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

    [LoggerMessage(EventId = 5004, Level = LogLevel.Debug, Message = "Could not read the hub's fleet summary: {Error}")]
    private static partial void LogWatchFailed(ILogger logger, string error);
}

using Edgeplane.Hub.Store;
using LibGit2Sharp;
using Microsoft.Extensions.Logging;

namespace Edgeplane.Hub.Sources;

/// <summary>
/// The fleet repo, mirrored in a bare repository under the data folder (<c>source.git</c>). Fetches one branch and
/// writes a commit's tree to a folder for the compiler. LibGit2Sharp repositories are not thread-safe: one lock guards both,
/// and disposal too: the native repository is freed only once no fetch or checkout runs on it (a hub disposed without
/// being stopped first would otherwise free it under a running fetch, and libgit2 would crash the process).
/// </summary>
internal sealed partial class GitSource(HubOptions options, ILogger<GitSource> logger) : IAsyncDisposable, IDisposable
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly GitRemote _remote = GitRemote.Parse(options.Repo, options.RepoCredentials);
    private Repository? _repository;
    private bool _disposed;

    private string TrackingRef => $"refs/remotes/origin/{options.Branch}";

    /// <summary>Fetches the branch and reports the commits new since <paramref name="previousHead"/>.</summary>
    public async Task<FetchRecord> FetchAsync(string? previousHead, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.GitTimeout);
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await Task.Run(() => Fetch(previousHead, timeout.Token), cancellationToken).ConfigureAwait(false);
        }
        catch (LibGit2SharpException error) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new GitSourceException($"fetch of {_remote.Url} timed out after {options.GitTimeout.TotalSeconds:F0} s ({UrlRedaction.Redact(error.Message)})");
        }
        catch (LibGit2SharpException error)
        {
            throw new GitSourceException($"fetch of {_remote.Url} failed: {UrlRedaction.Redact(error.Message)}");
        }
        finally
        {
            _lock.Release();
        }
    }

    private FetchRecord Fetch(string? previousHead, CancellationToken cancellationToken)
    {
        var repo = Open();
        var fetchOptions = new FetchOptions
        {
            OnTransferProgress = _ => !cancellationToken.IsCancellationRequested,
            OnProgress = _ => !cancellationToken.IsCancellationRequested,
            TagFetchMode = TagFetchMode.None,
            CredentialsProvider = CredentialsProvider(),
        };
        Commands.Fetch(repo, "origin", [$"+refs/heads/{options.Branch}:{TrackingRef}"], fetchOptions, "edgeplane hub fetch");
        var head = repo.Refs[TrackingRef]?.ResolveToDirectReference()?.Target as Commit
            ?? throw new GitSourceException($"branch '{options.Branch}' not found in {_remote.Url}");
        var previous = previousHead is null ? null : repo.Lookup<Commit>(previousHead);
        var rewritten = previousHead is not null && previousHead != head.Sha
            && (previous is null || repo.ObjectDatabase.FindMergeBase(head, previous)?.Sha != previous.Sha);
        var filter = new CommitFilter
        {
            IncludeReachableFrom = head,
            ExcludeReachableFrom = previous is null || rewritten ? null : previous,
            SortBy = CommitSortStrategies.Topological | CommitSortStrategies.Time,
        };
        var commits = previousHead == head.Sha ? [] : repo.Commits.QueryBy(filter).Take(options.MaxCommitsPerFetch)
            .Select(c => new FetchedCommit(c.Sha, $"{c.Author.Name} <{c.Author.Email}>", c.Message.TrimEnd(), c.Committer.When.UtcDateTime))
            .Reverse().ToList();
        if (rewritten)
        {
            LogHistoryRewritten(logger, previousHead!, head.Sha);
        }
        return new FetchRecord(head.Sha, commits, rewritten ? previousHead : null);
    }

    private Repository Open()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_repository is not null)
        {
            return _repository;
        }
        var path = Path.Combine(options.DataDirectory, "source.git");
        if (!Repository.IsValid(path))
        {
            Directory.CreateDirectory(path);
            Repository.Init(path, isBare: true);
        }
        var repo = new Repository(path);
        var url = RepoUrl(_remote.Url);
        if (repo.Network.Remotes["origin"] is null)
        {
            repo.Network.Remotes.Add("origin", url);
        }
        else if (repo.Network.Remotes["origin"].Url != url)
        {
            repo.Network.Remotes.Update("origin", r => r.Url = url);
        }
        ConfigureSsh(repo);
        if (_remote.Credentials is { Password: not null } && _remote.Url.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            LogCredentialsInClear(logger, _remote.Url);
        }
        return _repository = repo;
    }

    /// <summary>A local path becomes absolute; URLs stay as they are.</summary>
    private static string RepoUrl(string repo) =>
        repo.Contains("://", StringComparison.Ordinal) || repo.Contains('@', StringComparison.Ordinal) ? repo : Path.GetFullPath(repo);

    /// <summary>Frees the repository once the fetch or checkout in progress, if any, has ended (they stop when the hub stops).</summary>
    public async ValueTask DisposeAsync()
    {
        await _lock.WaitAsync().ConfigureAwait(false);
        try
        {
            DisposeRepository();
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <inheritdoc cref="DisposeAsync"/>
    public void Dispose()
    {
        _lock.Wait();
        try
        {
            DisposeRepository();
        }
        finally
        {
            _lock.Release();
        }
    }

    private void DisposeRepository()
    {
        _disposed = true;
        _repository?.Dispose();
        _repository = null;
    }

    [LoggerMessage(EventId = 104, Level = Microsoft.Extensions.Logging.LogLevel.Warning,
        Message = "The repo {Repo} is plain http: its password crosses the network in clear at every fetch; use https")]
    private static partial void LogCredentialsInClear(ILogger logger, string repo);

    [LoggerMessage(EventId = 101, Level = Microsoft.Extensions.Logging.LogLevel.Warning,
        Message = "History rewritten: new head {Head} does not descend from the previous head {Previous}")]
    private static partial void LogHistoryRewritten(ILogger logger, string previous, string head);
}

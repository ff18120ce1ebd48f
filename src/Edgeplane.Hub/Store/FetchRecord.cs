namespace Edgeplane.Hub.Store;

/// <summary>What one fetch found: the new head, the commits new since the last head (oldest first), and a rewrite.</summary>
/// <param name="Head">The branch head after the fetch.</param>
/// <param name="NewCommits">Commits reachable from the head and not from the previous head, oldest first, bounded.</param>
/// <param name="RewroteFrom">The previous head when the new head does not descend from it (force push).</param>
internal sealed record FetchRecord(string Head, IReadOnlyList<FetchedCommit> NewCommits, string? RewroteFrom);

using Edgeplane.Hub.Api.Contracts;
using Edgeplane.Hub.Store.Entities;

namespace Edgeplane.Hub.Store;

/// <summary>
/// One fetched revision as the store's readers see it: its commit, state and outcome, with its errors where the query
/// loads them (else empty). A read model, not the EF entity.
/// </summary>
internal sealed record RevisionView
{
    public long Id { get; init; }
    public required string Sha { get; init; }
    public required string Author { get; init; }
    public required string Message { get; init; }
    public DateTime CommittedAt { get; init; }
    public DateTime FetchedAt { get; init; }
    public RevisionState State { get; init; }
    public string? Reason { get; init; }
    public string? RewroteFrom { get; init; }
    public DateTime? ProcessedAt { get; init; }
    public int? ClusterCount { get; init; }
    public int? ChangedClusterCount { get; init; }
    public string? ApprovedBy { get; init; }
    public string? BaseSha { get; init; }
    public bool ChangesRecorded { get; init; }
    public required IReadOnlyList<RevisionErrorView> Errors { get; init; }

    /// <summary>The view of a loaded entity (with the errors loaded with it).</summary>
    public static RevisionView Of(RevisionRecord r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new RevisionView
        {
            Id = r.Id, Sha = r.Sha, Author = r.Author, Message = r.Message, CommittedAt = r.CommittedAt, FetchedAt = r.FetchedAt,
            State = r.State, Reason = r.Reason, RewroteFrom = r.RewroteFrom, ProcessedAt = r.ProcessedAt,
            ClusterCount = r.ClusterCount, ChangedClusterCount = r.ChangedClusterCount, ApprovedBy = r.ApprovedBy,
            BaseSha = r.BaseSha, ChangesRecorded = r.ChangesRecorded,
            Errors = r.Errors.Select(e => new RevisionErrorView(e.File, e.Line, e.Column, e.Code, e.Message)).ToList(),
        };
    }
}

namespace Edgeplane.Hub.Api.Contracts;

/// <summary>A commit the hub has seen, and what became of it.</summary>
public sealed record RevisionResponse(
    string Sha,
    string Author,
    string Message,
    DateTime CommittedAt,
    DateTime FetchedAt,
    DateTime? ProcessedAt,
    RevisionState State,
    string? Reason,
    string? RewroteFrom,
    int? ClusterCount,
    int? ChangedClusterCount,
    string? ApprovedBy,
    IReadOnlyList<RevisionErrorResponse> Errors);

using Edgeplane.Hub.Api.Contracts;

namespace Edgeplane.Hub.Store.Entities;

/// <summary>One commit of the fleet repo the hub has seen, and what became of it.</summary>
internal sealed class RevisionRecord
{
    /// <summary>Order in which the hub recorded revisions (newest is highest).</summary>
    public long Id { get; set; }

    public required string Sha { get; set; }

    public required string Author { get; set; }

    public required string Message { get; set; }

    public DateTime CommittedAt { get; set; }

    public DateTime FetchedAt { get; set; }

    public RevisionState State { get; set; }

    /// <summary>Why a revision is held, failed or superseded, in words.</summary>
    public string? Reason { get; set; }

    /// <summary>The head before this fetch when the new head is not its descendant (force push, rewritten history).</summary>
    public string? RewroteFrom { get; set; }

    public DateTime? ProcessedAt { get; set; }

    public int? ClusterCount { get; set; }

    public int? ChangedClusterCount { get; set; }

    public string? ApprovedBy { get; set; }

    /// <summary>
    /// Applications per workspace when this revision was applied (a JSON object, name → count), for the next revision's
    /// "every Application of a workspace removed" hold; null when not applied or not known.
    /// </summary>
    public string? WorkspaceApplicationsJson { get; set; }

    /// <summary>
    /// The revision applied before this one was, whose desired bundles this one's changes start from; null for the first
    /// revision the hub applied (or while <see cref="ChangesRecorded"/> is false).
    /// </summary>
    public string? BaseSha { get; set; }

    /// <summary>
    /// True once applying this revision recorded its per-cluster changes (<see cref="RevisionChangeRecord"/>); false for
    /// revisions applied by a hub that did not record them yet, and for revisions never applied.
    /// </summary>
    public bool ChangesRecorded { get; set; }

    public List<RevisionError> Errors { get; set; } = [];
}

namespace Edgeplane.Hub.Api.Contracts;

/// <summary>One rollout run, as <c>GET /api/v1/rollouts/{id}</c> and <c>edgeplane rollout status -o json</c> show it.</summary>
/// <param name="Id">The run's id.</param>
/// <param name="Revision">The commit the run rolls out.</param>
/// <param name="Policy">The Rollout resource that governs it.</param>
/// <param name="State">Where it stands.</param>
/// <param name="Reason">Why it is in that state, in words (failed gate and clusters, window it waits for, ...).</param>
/// <param name="Changes">What it changes, e.g. <c>istio 1.23.2 → 1.23.3</c>.</param>
/// <param name="CurrentWave">The wave it is in, or null once it has ended.</param>
/// <param name="FailedClusters">Members that failed their gate.</param>
/// <param name="CreatedAt">When the revision created it.</param>
/// <param name="StartedAt">When the engine took its first step.</param>
/// <param name="FinishedAt">When it ended.</param>
/// <param name="Waves">Its waves in order.</param>
public sealed record RolloutResponse(
    long Id,
    string Revision,
    string Policy,
    RolloutState State,
    string? Reason,
    IReadOnlyList<string> Changes,
    string? CurrentWave,
    IReadOnlyList<string> FailedClusters,
    DateTime CreatedAt,
    DateTime? StartedAt,
    DateTime? FinishedAt,
    IReadOnlyList<RolloutWaveResponse> Waves);

/// <summary>One wave of a run.</summary>
/// <param name="Name">The wave's name (<c>rest</c> for the implicit last wave).</param>
/// <param name="State"><c>Pending</c>, <c>Progressing</c>, <c>Soaking</c>, <c>Succeeded</c>, <c>Failed</c> or <c>Cancelled</c>.</param>
/// <param name="Clusters">Its members' names, in the order they are moved.</param>
/// <param name="MaxUnavailable">Most members moved and not yet healthy at once.</param>
/// <param name="SoakTime">Soak after the gates pass, e.g. <c>00:15:00</c>.</param>
/// <param name="StartedAt">When the wave started.</param>
/// <param name="SoakUntil">When its soak ends, while soaking or after.</param>
/// <param name="FinishedAt">When it ended.</param>
/// <param name="Members">Each member's state.</param>
public sealed record RolloutWaveResponse(
    string Name,
    string State,
    IReadOnlyList<string> Clusters,
    int MaxUnavailable,
    TimeSpan SoakTime,
    DateTime? StartedAt,
    DateTime? SoakUntil,
    DateTime? FinishedAt,
    IReadOnlyList<RolloutMemberResponse> Members)
{
    /// <summary>
    /// How many members are in each state (e.g. <c>{"Healthy": 180, "Waiting": 20}</c>): the wave's progress, also when the
    /// list was asked for without members (<c>GET /rollouts?members=false</c>).
    /// </summary>
    public IReadOnlyDictionary<string, int> MemberStates { get; init; } = new Dictionary<string, int>();
}

/// <summary>One member of a wave.</summary>
/// <param name="Cluster">The cluster.</param>
/// <param name="State"><c>Waiting</c>, <c>Moving</c>, <c>Healthy</c>, <c>Failed</c>, <c>Skipped</c>, <c>Promoted</c>, <c>RolledBack</c>, <c>Stopped</c>, <c>NotMoved</c> or <c>Superseded</c>.</param>
/// <param name="From">The digest before the run.</param>
/// <param name="To">The digest the run moves it to.</param>
/// <param name="MovedAt">When its target moved.</param>
/// <param name="FinishedAt">When it was judged.</param>
/// <param name="Reason">Why it failed, was skipped or stopped.</param>
public sealed record RolloutMemberResponse(
    string Cluster,
    string State,
    string From,
    string To,
    DateTime? MovedAt,
    DateTime? FinishedAt,
    string? Reason);

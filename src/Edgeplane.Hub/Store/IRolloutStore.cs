using Edgeplane.Hub.Api.Contracts;
using Edgeplane.Hub.Rollouts;

namespace Edgeplane.Hub.Store;

/// <summary>Rollout runs: the engine's steps, the operators' controls, and the views.</summary>
internal interface IRolloutStore
{
    /// <summary>Steps every active run once, each in its own transaction; returns how many are still active.</summary>
    Task<int> StepAsync(RunStepSettings settings, CancellationToken cancellationToken);

    /// <summary>Runs, newest first.</summary>
    Task<Page<RolloutResponse>> ListAsync(int limit, string? continueToken, CancellationToken cancellationToken);

    /// <summary>Like <see cref="ListAsync(int, string?, CancellationToken)"/>, only runs with a member cluster that one of <paramref name="workspaces"/> targets (null: all).</summary>
    Task<Page<RolloutResponse>> ListAsync(int limit, string? continueToken, IReadOnlyList<string>? workspaces, CancellationToken cancellationToken);

    /// <summary>
    /// As above; without <paramref name="members"/> each wave's <c>clusters</c> and <c>members</c> are empty and only its
    /// <see cref="RolloutWaveResponse.MemberStates"/> counts are filled.
    /// </summary>
    Task<Page<RolloutResponse>> ListAsync(int limit, string? continueToken, IReadOnlyList<string>? workspaces, bool members,
        CancellationToken cancellationToken);

    /// <summary>One run, or null.</summary>
    Task<RolloutResponse?> GetAsync(long id, CancellationToken cancellationToken);

    /// <summary>Pauses, resumes, aborts or promotes a run on behalf of <paramref name="actor"/>.</summary>
    Task<ControlOutcome> ControlAsync(long id, RolloutControl control, AuditActor actor, CancellationToken cancellationToken);
}

/// <summary>An operator's action on a run.</summary>
internal enum RolloutControl
{
    Pause,
    Resume,
    Abort,
    Promote,
}

/// <summary>What became of a control action: done, no such run, or refused in the run's state (with why).</summary>
internal sealed record ControlOutcome(bool Found, string? Refusal)
{
    public static ControlOutcome NotFound { get; } = new(false, null);

    public static ControlOutcome Done { get; } = new(true, null);
}

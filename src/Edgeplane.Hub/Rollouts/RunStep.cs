using System.Text.Json;
using Edgeplane.Hub.Api.Contracts;
using Edgeplane.Hub.Store.Entities;

namespace Edgeplane.Hub.Rollouts;

/// <summary>
/// One step of one run: judges the members in flight, moves the next ones, passes gates and soaks, advances waves, and
/// fails and rolls back (docs/rollouts.md). It changes the run's entities in place and returns the target moves and
/// the events to audit; the store writes them in one transaction. Deterministic for a given input and clock, so a hub
/// that restarts mid-wave takes exactly the step the stored state calls for.
/// </summary>
internal sealed partial class RunStep
{
    private readonly RolloutRecord _run;
    private readonly RolloutPolicy _policy;
    private readonly IReadOnlyDictionary<string, MemberObservation> _observed;
    private readonly DateTime _now;
    private readonly RunStepSettings _settings;

    public RunStep(RolloutRecord run, IReadOnlyDictionary<string, MemberObservation> observed, DateTime now, RunStepSettings settings)
    {
        _run = run;
        _policy = RolloutPolicy.FromJson(run.PolicyJson);
        _observed = observed;
        _now = now;
        _settings = settings;
    }

    /// <summary>Targets to set, in order.</summary>
    public List<TargetMove> Moves { get; } = [];

    /// <summary>What was decided, for the audit log.</summary>
    public List<RolloutEvent> Events { get; } = [];

    /// <summary>True when the step changed the run.</summary>
    public bool Changed { get; private set; }

    /// <summary>True when the run is in a state the engine steps.</summary>
    public static bool IsActive(string state) =>
        state is nameof(RolloutState.Pending) or nameof(RolloutState.Progressing) or nameof(RolloutState.Paused) or nameof(RolloutState.WaitingForWindow);

    public void Run()
    {
        if (!IsActive(_run.State))
        {
            return;
        }
        if (_run.State == nameof(RolloutState.Pending))
        {
            SetState(RolloutState.Progressing, null);
            _run.StartedAt = _now;
            Record("rollout.start", _run.Sha, "Started", $"rollout {_run.Id} ({_run.Policy}): {_run.Members.Count} cluster(s) in {_run.Waves.Count} wave(s)");
        }
        var paused = _run.State == nameof(RolloutState.Paused);
        // Each pass handles the current wave; a wave that ends lets the next start in the same step.
        for (var pass = 0; pass <= _run.Waves.Count && !paused && IsActive(_run.State); pass++)
        {
            if (_run.CurrentWave >= _run.Waves.Count)
            {
                Succeed();
                break;
            }
            if (!StepWave(Wave(_run.CurrentWave)))
            {
                break;
            }
        }
        if (paused)
        {
            JudgeInFlight(Wave(Math.Min(_run.CurrentWave, _run.Waves.Count - 1)), decideFailures: false);
        }
        if (_run.PromoteRequested && !IsActive(_run.State))
        {
            _run.PromoteRequested = false;
            Changed = true;
        }
        if (Changed)
        {
            _run.UpdatedAt = _now;
        }
    }

    /// <summary>Steps <paramref name="wave"/>; true when it ended and the next may start now.</summary>
    private bool StepWave(RolloutWaveRecord wave)
    {
        var members = MembersOf(wave);
        if (wave.State == nameof(WaveState.Pending))
        {
            StartWave(wave, members);
        }
        if (wave.State == nameof(WaveState.Progressing))
        {
            if (_run.PromoteRequested)
            {
                PromoteWave(wave, members);
            }
            JudgeInFlight(wave, decideFailures: true);
            if (!WithinBudget(wave))
            {
                return false;
            }
            MoveNext(wave, members);
            if (members.Any(m => m.State is nameof(MemberState.Waiting) or nameof(MemberState.Moving)))
            {
                return false;
            }
            if (!PassGates(wave, members))
            {
                return false;
            }
        }
        return wave.State == nameof(WaveState.Soaking) && EndSoak(wave, members);
    }

    private void StartWave(RolloutWaveRecord wave, List<RolloutMemberRecord> members)
    {
        wave.State = nameof(WaveState.Progressing);
        wave.StartedAt = _now;
        Changed = true;
        Record("rollout.wave", $"{_run.Id}/{wave.Name}", "Started",
            $"rollout {_run.Id}: wave {wave.Name} started with {members.Count} cluster(s), maxUnavailable {wave.MaxUnavailable}");
    }

    private List<RolloutMemberRecord> MembersOf(RolloutWaveRecord wave) =>
        _run.Members.Where(m => m.WaveIndex == wave.Index).OrderBy(m => m.Position).ToList();

    private RolloutWaveRecord Wave(int index) => _run.Waves.First(w => w.Index == index);

    private void SetState(RolloutState state, string? reason)
    {
        if (_run.State != state.ToString() || _run.Reason != reason)
        {
            _run.State = state.ToString();
            _run.Reason = reason;
            Changed = true;
        }
    }

    private void Record(string action, string target, string outcome, string details) =>
        Events.Add(new RolloutEvent(action, target, outcome, details));

    private static IReadOnlyList<string> Windows(RolloutMemberRecord member) =>
        JsonSerializer.Deserialize<List<string>>(member.WindowsJson) ?? [];
}

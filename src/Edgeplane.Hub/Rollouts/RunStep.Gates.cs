using Edgeplane.Hub.Api.Contracts;
using Edgeplane.Hub.Store.Entities;

namespace Edgeplane.Hub.Rollouts;

internal sealed partial class RunStep
{
    /// <summary>False (and the run failed) when more members failed than <c>rollback.maxFailures</c> allows.</summary>
    private bool WithinBudget(RolloutWaveRecord wave)
    {
        var failed = _run.Members.Where(m => m.State == nameof(MemberState.Failed)).ToList();
        if (failed.Count <= _policy.MaxFailures)
        {
            return true;
        }
        Fail(wave, $"{failed.Count} cluster(s) failed, more than rollback.maxFailures {_policy.MaxFailures}: " + Reasons(failed));
        return false;
    }

    /// <summary>With every member judged, checks each gate's share of healthy members; passing starts the soak.</summary>
    private bool PassGates(RolloutWaveRecord wave, List<RolloutMemberRecord> members)
    {
        var counted = members.Where(m => m.State is not (nameof(MemberState.Skipped) or nameof(MemberState.Promoted) or nameof(MemberState.NotMoved))).ToList();
        var healthy = counted.Count(m => m.State == nameof(MemberState.Healthy));
        foreach (var gate in _policy.Gates)
        {
            if (healthy * 100 < gate.MinHealthyPercent * counted.Count)
            {
                Fail(wave, $"gate {gate.Name}: {healthy} of {counted.Count} cluster(s) healthy, it needs {gate.MinHealthyPercent}%: "
                    + Reasons(counted.Where(m => m.State != nameof(MemberState.Healthy)).ToList()));
                return false;
            }
        }
        var soak = members.Count == 0 ? TimeSpan.Zero : wave.SoakTime;
        wave.State = nameof(WaveState.Soaking);
        wave.SoakUntil = _now + soak;
        Changed = true;
        Record("rollout.wave", $"{_run.Id}/{wave.Name}", "GatesPassed",
            $"rollout {_run.Id}: wave {wave.Name} passed its gates ({healthy} of {counted.Count} healthy); soaking until {wave.SoakUntil:yyyy-MM-ddTHH:mm:ssZ}");
        return true;
    }

    /// <summary>
    /// Ends the soak when its time is up (or on promote) with the gates still met: members that stopped being healthy
    /// fail then. True when the wave succeeded and the next may start.
    /// </summary>
    private bool EndSoak(RolloutWaveRecord wave, List<RolloutMemberRecord> members)
    {
        var promoted = _run.PromoteRequested;
        if (!promoted && _now < wave.SoakUntil)
        {
            return false;
        }
        foreach (var member in members.Where(m => m.State == nameof(MemberState.Healthy)))
        {
            var seen = _observed.GetValueOrDefault(member.Cluster);
            if (seen is null || !IsHealthy(member, seen))
            {
                Judge(member, MemberState.Failed, $"stopped being healthy during the soak ({Describe(member, seen)})");
            }
        }
        if (!WithinBudget(wave) || !RecheckGates(wave, members))
        {
            return false;
        }
        _run.PromoteRequested = false;
        wave.State = nameof(WaveState.Succeeded);
        wave.FinishedAt = _now;
        _run.CurrentWave++;
        Changed = true;
        Record("rollout.wave", $"{_run.Id}/{wave.Name}", "Succeeded",
            $"rollout {_run.Id}: wave {wave.Name} succeeded{(promoted ? " (soak skipped by promote)" : "")}");
        return true;
    }

    private bool RecheckGates(RolloutWaveRecord wave, List<RolloutMemberRecord> members)
    {
        var counted = members.Where(m => m.State is nameof(MemberState.Healthy) or nameof(MemberState.Failed)).ToList();
        var healthy = counted.Count(m => m.State == nameof(MemberState.Healthy));
        var failing = _policy.Gates.FirstOrDefault(g => healthy * 100 < g.MinHealthyPercent * counted.Count);
        if (failing is null)
        {
            return true;
        }
        Fail(wave, $"gate {failing.Name} after the soak: {healthy} of {counted.Count} cluster(s) healthy, it needs {failing.MinHealthyPercent}%");
        return false;
    }

    private void Succeed()
    {
        SetState(RolloutState.Succeeded, null);
        _run.FinishedAt = _now;
        Record("rollout.finish", _run.Sha, nameof(RolloutState.Succeeded), $"rollout {_run.Id} ({_run.Policy}) succeeded: every wave passed");
    }

    /// <summary>
    /// Fails the run in <paramref name="wave"/>. With automatic rollback, every moved member's target goes back to its
    /// last good digest (except where its Kubernetes version changed: that cannot be undone, so it is stopped).
    /// Members never moved stay where they were; later waves are never started.
    /// </summary>
    private void Fail(RolloutWaveRecord wave, string why)
    {
        var rollback = _policy.AutomaticRollback;
        var failing = _run.Members.Where(m => m.State == nameof(MemberState.Failed)).Select(m => m.Cluster).Order(StringComparer.Ordinal).ToList();
        foreach (var member in _run.Members)
        {
            EndMember(member, rollback);
        }
        wave.State = nameof(WaveState.Failed);
        wave.FinishedAt = _now;
        foreach (var later in _run.Waves.Where(w => w.State is nameof(WaveState.Pending) or nameof(WaveState.Progressing) or nameof(WaveState.Soaking)))
        {
            later.State = nameof(WaveState.Cancelled);
        }
        var state = rollback ? RolloutState.RolledBack : RolloutState.Failed;
        var reason = $"wave {wave.Name}: {why}" + (failing.Count > 0 ? $"; failing: {string.Join(", ", failing)}" : "");
        SetState(state, reason);
        _run.FinishedAt = _now;
        _run.PromoteRequested = false;
        Record(rollback ? "rollout.rollback" : "rollout.finish", _run.Sha, state.ToString(),
            $"rollout {_run.Id} ({_run.Policy}) {(rollback ? "rolled back" : "failed")}: {reason}");
    }

    private void EndMember(RolloutMemberRecord member, bool rollback)
    {
        if (member.State == nameof(MemberState.Waiting))
        {
            member.State = nameof(MemberState.NotMoved);
            member.FinishedAt = _now;
            return;
        }
        if (member.State == nameof(MemberState.Moving))
        {
            member.Reason = null; // what it was still waited on no longer matters
        }
        if (!rollback || member.MovedAt is null || member.State is nameof(MemberState.NotMoved) or nameof(MemberState.Superseded))
        {
            return;
        }
        if (member.FromKubernetesVersion != member.ToKubernetesVersion)
        {
            member.State = nameof(MemberState.Stopped);
            member.Reason = $"Kubernetes {member.FromKubernetesVersion ?? "(none)"} → {member.ToKubernetesVersion ?? "(none)"} cannot be rolled back; it keeps the new bundle";
            member.FinishedAt ??= _now;
            return;
        }
        member.Reason = member.Reason is null ? $"rolled back to {Short(member.RollbackDigest)}" : $"{member.Reason}; rolled back to {Short(member.RollbackDigest)}";
        member.State = nameof(MemberState.RolledBack);
        member.FinishedAt ??= _now;
        if (member.RollbackDigest != member.ToDigest)
        {
            Moves.Add(new TargetMove(member.Cluster, member.ToDigest, member.RollbackDigest, Rollback: true, member.RollbackRevision));
        }
    }

    private static string Reasons(List<RolloutMemberRecord> members) =>
        string.Join("; ", members.Take(10).Select(m => $"{m.Cluster} ({m.Reason ?? m.State})"))
        + (members.Count > 10 ? $"; and {members.Count - 10} more" : "");
}

using Edgeplane.Hub.Api.Contracts;
using Edgeplane.Hub.Store.Entities;

namespace Edgeplane.Hub.Rollouts;

internal sealed partial class RunStep
{
    /// <summary>
    /// Judges the members in flight: healthy at the new digest, failed (reported Failed there, or not healthy within
    /// the health deadline), or left behind when offline under <c>offline: skip</c>. While paused, only health is
    /// recorded (<paramref name="decideFailures"/> false).
    /// </summary>
    private void JudgeInFlight(RolloutWaveRecord wave, bool decideFailures)
    {
        var deadline = _policy.HealthDeadline(_settings.DefaultHealthTimeout);
        foreach (var member in MembersOf(wave).Where(m => m.State == nameof(MemberState.Moving)))
        {
            var seen = _observed.GetValueOrDefault(member.Cluster);
            if (seen is not null && IsHealthy(member, seen))
            {
                Judge(member, MemberState.Healthy, null);
                continue;
            }
            if (!decideFailures)
            {
                Await(member, seen);
                continue;
            }
            if (seen is { Live: false } && _policy.Offline == Model.Specs.OfflinePolicy.Skip && DownFor(seen) >= _settings.OfflineGrace)
            {
                Judge(member, MemberState.Skipped, $"offline for {Format(DownFor(seen))} (offline: skip): left behind, it keeps its new target");
            }
            else if (seen?.AppliedDigest == member.ToDigest && seen.Health == "Failed")
            {
                Judge(member, MemberState.Failed, "its agent reported Failed at the new bundle");
            }
            else if (_now - member.MovedAt >= deadline)
            {
                Judge(member, MemberState.Failed, $"not healthy within {Format(deadline)} of its move ({Describe(member, seen)})");
            }
            else
            {
                Await(member, seen);
            }
        }
    }

    /// <summary>Says in the member's reason what it is still waited on (what <c>rollout status</c> shows), when that changed.</summary>
    private void Await(RolloutMemberRecord member, MemberObservation? seen)
    {
        var reason = $"waiting: {Describe(member, seen)}";
        if (member.Reason != reason)
        {
            member.Reason = reason;
            Changed = true;
        }
    }

    private bool IsHealthy(RolloutMemberRecord member, MemberObservation seen) =>
        seen.AppliedDigest == member.ToDigest && seen.Health == "Healthy"
        && (!_policy.RequiresKubernetesVersion
            || (KubernetesVersions.Satisfies(seen.KubernetesVersion, member.ToKubernetesVersion) && seen.Nodes?.Status == "True"));

    private TimeSpan DownFor(MemberObservation seen)
    {
        var since = seen.LinkSince is { } s && s > _settings.LeadingSince ? s : _settings.LeadingSince;
        return _now - since;
    }

    private string Describe(RolloutMemberRecord member, MemberObservation? seen)
    {
        if (seen is null)
        {
            return "the cluster is gone";
        }
        var applied = seen.AppliedDigest == member.ToDigest ? "applied the new bundle" : "has not applied the new bundle";
        var version = _policy.RequiresKubernetesVersion
            ? $", Kubernetes {seen.KubernetesVersion ?? "unknown"} (wants {member.ToKubernetesVersion}), nodes {seen.Nodes?.Message ?? "not reported"}" : "";
        return $"{applied}, health {seen.Health ?? "unknown"}{version}, link {(seen.Live ? "live" : "down")}";
    }

    private void Judge(RolloutMemberRecord member, MemberState state, string? reason)
    {
        member.State = state.ToString();
        member.Failed |= state == MemberState.Failed;
        member.FinishedAt = _now;
        member.Reason = reason;
        Changed = true;
        Record("rollout.member", member.Cluster, state.ToString(),
            $"rollout {_run.Id}, wave {Wave(member.WaveIndex).Name}: {member.Cluster} {state}{(reason is null ? "" : ": " + reason)}");
    }

    /// <summary>Moves waiting members in order while fewer than maxUnavailable are in flight and their windows are open.</summary>
    private void MoveNext(RolloutWaveRecord wave, List<RolloutMemberRecord> members)
    {
        var inFlight = members.Count(m => m.State == nameof(MemberState.Moving));
        var blocked = new List<RolloutMemberRecord>();
        foreach (var member in members.Where(m => m.State == nameof(MemberState.Waiting)))
        {
            if (inFlight >= wave.MaxUnavailable)
            {
                break;
            }
            if (!WindowOpen(member))
            {
                blocked.Add(member);
                continue;
            }
            if (Move(member))
            {
                inFlight++;
            }
        }
        var waiting = members.Count(m => m.State == nameof(MemberState.Waiting));
        if (inFlight == 0 && waiting > 0 && blocked.Count == waiting)
        {
            SetState(RolloutState.WaitingForWindow, NextWindow(blocked));
        }
        else if (_run.State == nameof(RolloutState.WaitingForWindow))
        {
            SetState(RolloutState.Progressing, null);
        }
    }

    /// <summary>Sets the member's target to its new digest, unless something else changed the cluster meanwhile.</summary>
    private bool Move(RolloutMemberRecord member)
    {
        var seen = _observed.GetValueOrDefault(member.Cluster);
        if (seen is null || seen.TargetDigest != member.FromDigest || seen.DesiredDigest != member.ToDigest)
        {
            Judge(member, MemberState.NotMoved, seen is null
                ? "the cluster left the fleet"
                : $"its target or desired digest changed outside this rollout (target {Short(seen.TargetDigest)}, desired {Short(seen.DesiredDigest)})");
            return false;
        }
        member.State = nameof(MemberState.Moving);
        member.MovedAt = _now;
        Changed = true;
        Moves.Add(new TargetMove(member.Cluster, member.FromDigest, member.ToDigest, Rollback: false));
        Record("rollout.move", member.Cluster, "Moved",
            $"rollout {_run.Id}, wave {Wave(member.WaveIndex).Name}: target {Short(member.FromDigest)} → {Short(member.ToDigest)}");
        return true;
    }

    /// <summary>An operator's override: the rest of the wave moves now, and nobody in it is waited on any more.</summary>
    private void PromoteWave(RolloutWaveRecord wave, List<RolloutMemberRecord> members)
    {
        foreach (var member in members.Where(m => m.State == nameof(MemberState.Waiting)))
        {
            Move(member);
        }
        foreach (var member in members.Where(m => m.State == nameof(MemberState.Moving)))
        {
            Judge(member, MemberState.Promoted, "promoted by an operator before it was judged");
        }
        _run.PromoteRequested = false;
        Record("rollout.promote", $"{_run.Id}/{wave.Name}", "Promoted", $"rollout {_run.Id}: wave {wave.Name} promoted past its gates");
    }

    private bool WindowOpen(RolloutMemberRecord member)
    {
        var names = Windows(member);
        return names.Count == 0 || _policy.Windows.Any(w => names.Contains(w.Name) && w.IsOpen(_now));
    }

    private string NextWindow(List<RolloutMemberRecord> blocked)
    {
        var names = blocked.SelectMany(Windows).ToHashSet(StringComparer.Ordinal);
        var next = _policy.Windows.Where(w => names.Contains(w.Name)).Select(w => (w.Name, At: w.NextOpening(_now)))
            .Where(w => w.At is not null).OrderBy(w => w.At).FirstOrDefault();
        return next.Name is null
            ? $"{blocked.Count} cluster(s) wait for a maintenance window that never opens"
            : $"{blocked.Count} cluster(s) wait for maintenance window {next.Name}, which opens at {next.At:yyyy-MM-ddTHH:mm:ssZ}";
    }

    private static string Short(string? digest) => digest is null ? "none" : digest.Length > 19 ? digest[..19] : digest;

    private static string Format(TimeSpan span) =>
        span.TotalHours >= 1 ? $"{span.TotalHours:0.#}h" : span.TotalMinutes >= 1 ? $"{span.TotalMinutes:0.#}m" : $"{span.TotalSeconds:0.#}s";
}

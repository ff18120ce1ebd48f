using System.Text.Json;
using Edgeplane.Hub.Api.Contracts;
using Edgeplane.Hub.Rollouts;
using Edgeplane.Hub.Store.Entities;
using Microsoft.EntityFrameworkCore;

namespace Edgeplane.Hub.Store;

/// <summary>The views of runs, and the operators' controls.</summary>
internal sealed partial class EfRolloutStore
{
    public Task<Page<RolloutResponse>> ListAsync(int limit, string? continueToken, CancellationToken cancellationToken) =>
        ListAsync(limit, continueToken, null, cancellationToken);

    public Task<Page<RolloutResponse>> ListAsync(int limit, string? continueToken, IReadOnlyList<string>? workspaces,
        CancellationToken cancellationToken) =>
        ListAsync(limit, continueToken, workspaces, members: true, cancellationToken);

    public async Task<Page<RolloutResponse>> ListAsync(int limit, string? continueToken, IReadOnlyList<string>? workspaces, bool members,
        CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        var query = db.Rollouts.AsNoTracking();
        if (workspaces is not null)
        {
            var names = workspaces.ToList();
            query = query.Where(r => r.Members.Any(m => db.WorkspaceClusters.Any(w => w.Cluster == m.Cluster && names.Contains(w.Workspace))));
        }
        if (continueToken is not null)
        {
            var before = ContinueToken.DecodeId(continueToken);
            query = query.Where(r => r.Id < before);
        }
        if (!members)
        {
            return await SummariesAsync(db, query, limit, cancellationToken).ConfigureAwait(false);
        }
        var items = await query.OrderByDescending(r => r.Id).Take(limit + 1).Include(r => r.Waves).Include(r => r.Members).AsSplitQuery()
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var page = StoreRows.Paged(items, limit, r => r.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return new Page<RolloutResponse>(page.Items.Select(View).ToList(), page.Continue);
    }

    /// <summary>
    /// Runs without their member rows: each wave's member counts by state and the failed clusters come from two small
    /// queries, so a run of 10,000 members is a few hundred bytes instead of megabytes.
    /// </summary>
    private static async Task<Page<RolloutResponse>> SummariesAsync(HubDbContext db, IQueryable<RolloutRecord> query, int limit,
        CancellationToken cancellationToken)
    {
        var items = await query.OrderByDescending(r => r.Id).Take(limit + 1).Include(r => r.Waves)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var page = StoreRows.Paged(items, limit, r => r.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var ids = page.Items.Select(r => r.Id).ToList();
        var counts = await db.RolloutMembers.AsNoTracking().Where(m => ids.Contains(m.RolloutId))
            .GroupBy(m => new { m.RolloutId, m.WaveIndex, m.State })
            .Select(g => new { g.Key.RolloutId, g.Key.WaveIndex, g.Key.State, Count = g.Count() })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var failed = await db.RolloutMembers.AsNoTracking().Where(m => ids.Contains(m.RolloutId) && m.Failed)
            .Select(m => new { m.RolloutId, m.Cluster })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return new Page<RolloutResponse>(page.Items.Select(run =>
        {
            var waves = run.Waves.OrderBy(w => w.Index).Select(w => new RolloutWaveResponse(w.Name, w.State, [], w.MaxUnavailable, w.SoakTime,
                Utc(w.StartedAt), Utc(w.SoakUntil), Utc(w.FinishedAt), [])
            {
                MemberStates = counts.Where(c => c.RolloutId == run.Id && c.WaveIndex == w.Index)
                    .OrderBy(c => c.State, StringComparer.Ordinal).ToDictionary(c => c.State, c => c.Count),
            }).ToList();
            return Response(run, waves, failed.Where(f => f.RolloutId == run.Id).Select(f => f.Cluster).Order(StringComparer.Ordinal).ToList());
        }).ToList(), page.Continue);
    }

    public async Task<RolloutResponse?> GetAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        var run = await db.Rollouts.AsNoTracking().Include(r => r.Waves).Include(r => r.Members).AsSplitQuery()
            .FirstOrDefaultAsync(r => r.Id == id, cancellationToken).ConfigureAwait(false);
        return run is null ? null : View(run);
    }

    public async Task<ControlOutcome> ControlAsync(long id, RolloutControl control, AuditActor actor, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await db.LockForWriteAsync(cancellationToken).ConfigureAwait(false);
        var run = await LoadAsync(db, id, cancellationToken).ConfigureAwait(false);
        if (run is null)
        {
            return ControlOutcome.NotFound;
        }
        var refusal = Refusal(run.State, control);
        var action = "rollout." + control.ToString().ToLowerInvariant();
        if (refusal is not null)
        {
            StoreRows.AddAudit(db, Now, StoreRows.Audit(actor, action, $"{run.Id}", "Refused", refusal));
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
            return new ControlOutcome(true, refusal);
        }
        var clusters = control == RolloutControl.Abort
            ? await db.Clusters.Where(c => run.Members.Select(m => m.Cluster).Contains(c.Name)).ToDictionaryAsync(c => c.Name, StringComparer.Ordinal, cancellationToken).ConfigureAwait(false)
            : [];
        Apply(run, control, actor.Subject);
        HoldLagging(run, clusters);
        StoreRows.AddAudit(db, Now, StoreRows.Audit(actor, action, $"{run.Id}", "Succeeded", $"rollout {run.Id} ({run.Policy}): {control} by {actor}; now {run.State}"));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return ControlOutcome.Done;
    }

    private static string? Refusal(string state, RolloutControl control) => (control, state) switch
    {
        (_, _) when !RunStep.IsActive(state) => $"the rollout has ended ({state})",
        (RolloutControl.Pause, nameof(RolloutState.Paused)) => "the rollout is already paused",
        (RolloutControl.Resume, not nameof(RolloutState.Paused)) => $"the rollout is {state}, not Paused",
        _ => null,
    };

    private void Apply(RolloutRecord run, RolloutControl control, string actor)
    {
        run.UpdatedAt = Now;
        switch (control)
        {
            case RolloutControl.Pause:
                run.State = nameof(RolloutState.Paused);
                run.Reason = $"paused by {actor}";
                break;
            case RolloutControl.Resume:
                run.State = nameof(RolloutState.Progressing);
                run.Reason = null;
                break;
            case RolloutControl.Promote:
                run.PromoteRequested = true;
                break;
            default:
                Abort(run, actor);
                break;
        }
    }

    /// <summary>Stops the run where it stands: moved clusters keep the new bundle, the others keep the old one.</summary>
    private void Abort(RolloutRecord run, string actor)
    {
        run.State = nameof(RolloutState.Aborted);
        run.Reason = $"aborted by {actor}";
        run.FinishedAt = Now;
        run.PromoteRequested = false;
        foreach (var member in run.Members.Where(m => m.State == nameof(MemberState.Waiting)))
        {
            member.State = nameof(MemberState.NotMoved);
            member.FinishedAt = Now;
        }
        foreach (var wave in run.Waves.Where(w => w.State is nameof(WaveState.Pending) or nameof(WaveState.Progressing) or nameof(WaveState.Soaking)))
        {
            wave.State = nameof(WaveState.Cancelled);
        }
    }

    internal static RolloutResponse View(RolloutRecord run)
    {
        var waves = run.Waves.OrderBy(w => w.Index).Select(w =>
        {
            var members = run.Members.Where(m => m.WaveIndex == w.Index).OrderBy(m => m.Position).ToList();
            return new RolloutWaveResponse(w.Name, w.State, members.Select(m => m.Cluster).ToList(), w.MaxUnavailable, w.SoakTime,
                Utc(w.StartedAt), Utc(w.SoakUntil), Utc(w.FinishedAt),
                members.Select(m => new RolloutMemberResponse(m.Cluster, m.State, m.FromDigest, m.ToDigest, Utc(m.MovedAt), Utc(m.FinishedAt), m.Reason)).ToList())
            {
                MemberStates = members.GroupBy(m => m.State).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()),
            };
        }).ToList();
        return Response(run, waves, run.Members.Where(m => m.Failed).Select(m => m.Cluster).Order(StringComparer.Ordinal).ToList());
    }

    private static RolloutResponse Response(RolloutRecord run, List<RolloutWaveResponse> waves, List<string> failed)
    {
        var current = RunStep.IsActive(run.State) && run.CurrentWave < waves.Count ? waves[run.CurrentWave].Name : null;
        return new RolloutResponse(run.Id, run.Sha, run.Policy, Enum.Parse<RolloutState>(run.State), run.Reason,
            JsonSerializer.Deserialize<List<string>>(run.ChangesJson) ?? [], current, failed,
            Utc(run.CreatedAt)!.Value, Utc(run.StartedAt), Utc(run.FinishedAt), waves);
    }

    private static DateTime? Utc(DateTime? value) => value is { } v ? DateTime.SpecifyKind(v, DateTimeKind.Utc) : null;
}

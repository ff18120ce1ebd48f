using System.Diagnostics;
using Edgeplane.Hub.Api.Contracts;
using Edgeplane.Hub.Hosting;
using Edgeplane.Hub.Observability;
using Edgeplane.Hub.Plans;
using Edgeplane.Hub.Sources;
using Edgeplane.Hub.Store.Entities;
using Edgeplane.Hub.Store;
using Edgeplane.Model.Diagnostics;
using Edgeplane.Protocol.Bundles;
using Edgeplane.Resilience;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Edgeplane.Hub.Pipeline;

/// <summary>
/// Takes the newest waiting revision (Pending, or Approved by an admin) and turns it into desired state:
/// checkout → compile every cluster → refuse Kubernetes version changes the skew policy forbids → plan against the stored desired state (and, unless approved, the stored object
/// identities of the clusters that changed and the last applied workspaces) → hold, or compress and store in one
/// transaction. Level-triggered: after a restart, a revision that was fetched but not processed is processed.
/// </summary>
internal sealed partial class RevisionProcessor(
    GitSource source, IRevisionCompiler compiler, IRevisionStore store, HubSignals signals,
    HubReadiness readiness, HubActivity activity, HubMetrics metrics, HubOptions options, TimeProvider time,
    ILogger<RevisionProcessor> logger)
    : BackgroundService
{
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await readiness.WaitForStoreAsync(stoppingToken).ConfigureAwait(false);
        // The store is unreachable or similar: nothing was committed, so retrying later is safe. The back-off starts
        // again from its first step after every step that succeeds.
        var retry = BackoffRetry.Pipeline(new Backoff(FirstBackoff, MaxBackoff), new BackoffRetryOptions
        {
            ShouldRetry = _ => true,
            OnRetry = attempt => LogProcessingError(logger, attempt.Failure, attempt.Delay),
        }, time, Random.Shared);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await retry.ExecuteAsync(async token =>
                {
                    if (!await ProcessNextAsync(token).ConfigureAwait(false))
                    {
                        await signals.WaitForProcessingRequestAsync(token).ConfigureAwait(false);
                    }
                }, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>Processes one waiting revision; false when there was none.</summary>
    internal async Task<bool> ProcessNextAsync(CancellationToken cancellationToken)
    {
        var revision = await store.NextToProcessAsync(cancellationToken).ConfigureAwait(false);
        if (revision is null)
        {
            return false;
        }
        var state = await ProcessAsync(revision, cancellationToken).ConfigureAwait(false);
        metrics.Revisions.WithLabels(state.ToString().ToLowerInvariant()).Inc();
        LogProcessed(logger, revision.Sha, state);
        activity.OnRevisionProcessed(revision.Sha, state);
        return true;
    }

    private async Task<RevisionState> ProcessAsync(RevisionView revision, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var compiled = await CompileAsync(revision.Sha, cancellationToken).ConfigureAwait(false);
        var renderTime = Stopwatch.GetElapsedTime(started);
        metrics.RenderSeconds.Observe(renderTime.TotalSeconds);
        metrics.RevisionPhaseSeconds.WithLabels("load").Observe(compiled.LoadTime.TotalSeconds);
        metrics.RevisionPhaseSeconds.WithLabels("render").Observe(compiled.RenderTime.TotalSeconds);
        if (!compiled.Succeeded)
        {
            await store.FailAsync(revision.Id, compiled.Diagnostics, cancellationToken).ConfigureAwait(false);
            return RevisionState.Failed;
        }
        var planStarted = Stopwatch.GetTimestamp();
        var desired = await store.GetDesiredAsync(cancellationToken).ConfigureAwait(false);
        var refused = RevisionPlanner.SkewRefusals(compiled.Clusters, desired);
        if (refused.Count > 0)
        {
            await store.FailAsync(revision.Id, refused, cancellationToken).ConfigureAwait(false);
            return RevisionState.Failed;
        }
        var approved = revision.State == RevisionState.Approved;
        var review = await ReviewAsync(compiled, desired, approved, cancellationToken).ConfigureAwait(false);
        var decision = RevisionPlanner.Plan(revision.Id, revision.Sha, compiled.Clusters, desired, approved, review);
        Phase("plan", planStarted);
        if (decision.HoldReason is not null)
        {
            await store.HoldAsync(revision.Id, decision.HoldReason, cancellationToken).ConfigureAwait(false);
            return RevisionState.Held;
        }
        var storeStarted = Stopwatch.GetTimestamp();
        var plan = decision.Plan with { NewBundles = Compress(decision), Rollouts = compiled.Rollouts, Workspaces = compiled.Workspaces,
            Rejections = compiled.Rejections };
        var transaction = Phase("compress", storeStarted);
        await store.ApplyAsync(plan, renderTime, cancellationToken).ConfigureAwait(false);
        signals.RequestRolloutStep();
        Phase("store", transaction);
        metrics.StoreSeconds.Observe(Stopwatch.GetElapsedTime(storeStarted).TotalSeconds);
        return RevisionState.Applied;
    }

    private async Task<CompileResult> CompileAsync(string sha, CancellationToken cancellationToken)
    {
        try
        {
            var started = Stopwatch.GetTimestamp();
            var directory = await source.CheckoutAsync(sha, cancellationToken).ConfigureAwait(false);
            Phase("checkout", started);
            return await compiler.CompileAsync(directory, sha, cancellationToken).ConfigureAwait(false);
        }
        catch (GitSourceException error)
        {
            return CompileResult.Failed([new Diagnostic(SourceLocation.FileOnly(error.RepoPath ?? ""), error.Message, "CheckoutFailed")]);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // A compiler bug must not wedge the pipeline on one commit: record it against the revision and move on.
            LogCompilerCrashed(logger, error, sha);
            return CompileResult.Failed([new Diagnostic(SourceLocation.FileOnly(""),
                $"internal error while compiling the revision: {error.GetType().Name}: {error.Message}", "InternalError")]);
        }
    }

    /// <summary>
    /// What the planner needs to judge deletions. An approved revision is applied whatever it deletes, so nothing is
    /// read for it; the workspace counts of this revision are passed on in any case, to be stored with it.
    /// </summary>
    private async Task<DeletionReview> ReviewAsync(CompileResult compiled, IReadOnlyDictionary<string, DesiredCluster> desired,
        bool approved, CancellationToken cancellationToken)
    {
        var share = options.Limits.MaxDeletionShare;
        if (approved)
        {
            return new DeletionReview(share, new Dictionary<string, ObjectIdentitySet>(), null, compiled.WorkspaceApplications);
        }
        var digests = RevisionPlanner.DigestsToCompare(compiled.Clusters, desired);
        var before = await ObjectIdentityReader.ReadAsync(store, digests.ToList(), cancellationToken).ConfigureAwait(false);
        var workspaces = await store.GetAppliedWorkspaceApplicationsAsync(cancellationToken).ConfigureAwait(false);
        var policies = await ProvisionedPolicyReader.ReadAsync(store, RevisionPlanner.Deprovisioned(compiled.Clusters, desired), desired,
            cancellationToken).ConfigureAwait(false);
        return new DeletionReview(share, before, workspaces, compiled.WorkspaceApplications) { ProvisionedPolicies = policies };
    }

    /// <summary>The decision's new bundles compressed for the store, in parallel (the benchmarks store them the same way).</summary>
    internal static StoredBundle[] Compress(PlanDecision decision)
    {
        var bundles = decision.BundlesToStore;
        var stored = new StoredBundle[bundles.Count];
        Parallel.For(0, bundles.Count, i =>
        {
            var b = bundles[i];
            stored[i] = new StoredBundle(b.Digest, b.ContentDigest, BundleCodec.StoredEncoding,
                BundleCodec.CompressForStore(b.CanonicalBytes.Span), b.CanonicalBytes.Length, b.ObjectCount,
                decision.Identities[b.Digest].ToBytes());
        });
        return stored;
    }

    /// <summary>Records the time since <paramref name="started"/> as <paramref name="phase"/>; returns now, for the next phase.</summary>
    private long Phase(string phase, long started)
    {
        var now = Stopwatch.GetTimestamp();
        metrics.RevisionPhaseSeconds.WithLabels(phase).Observe(Stopwatch.GetElapsedTime(started, now).TotalSeconds);
        return now;
    }

    [LoggerMessage(EventId = 201, Level = LogLevel.Information, Message = "Revision {Sha} processed: {State}")]
    private static partial void LogProcessed(ILogger logger, string sha, RevisionState state);

    [LoggerMessage(EventId = 202, Level = LogLevel.Error, Message = "Processing failed; retrying in {Backoff}")]
    private static partial void LogProcessingError(ILogger logger, Exception error, TimeSpan backoff);

    [LoggerMessage(EventId = 203, Level = LogLevel.Error, Message = "The compiler crashed on revision {Sha}")]
    private static partial void LogCompilerCrashed(ILogger logger, Exception error, string sha);
}

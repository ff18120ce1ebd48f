using Edgeplane.Agent.Bundles;
using Edgeplane.Agent.Status;
using Edgeplane.Kubernetes.Apply;
using Edgeplane.Protocol.Bundles;

namespace Edgeplane.Agent.Reconcile;

internal sealed partial class BundleReconciler
{
    /// <summary>Steps 2–5 for a bundle that is not applied yet: obtain and verify, parse, apply, start watching health.</summary>
    private async Task ConvergeAsync(BundleDigest digest, CancellationToken cancellationToken)
    {
        _conditions.Reconciling(AgentReasons.Progressing, $"applying {digest}");
        var bytes = await ObtainBundleAsync(digest, cancellationToken).ConfigureAwait(false);
        var bundle = ParseBundle(digest, bytes);
        await ApplyBundleAsync(bundle, cancellationToken).ConfigureAwait(false);
        RecordApplied(bundle);
        await PollHealthAsync(cancellationToken).ConfigureAwait(false);
        _queue.AddAfter(ReconcileTrigger.Drift, _options.DriftInterval);
    }

    /// <summary>Step 2: the bundle bytes, from the cache (re-hashed on read) or fetched from the hub and verified.</summary>
    private async Task<byte[]> ObtainBundleAsync(BundleDigest digest, CancellationToken cancellationToken)
    {
        var cached = _deps.Cache.TryRead(digest, out var problem);
        if (problem is not null)
        {
            LogCacheDiscarded(_logger, problem);
        }
        if (cached is not null)
        {
            return cached;
        }
        try
        {
            return await _deps.Source.FetchAsync(digest, cancellationToken).ConfigureAwait(false);
        }
        catch (BundleFetchException e)
        {
            throw new ReconcileFailure(e.Corrupt ? AgentReasons.BundleVerificationFailed : AgentReasons.BundleUnavailable, e.Message, false, e);
        }
    }

    /// <summary>Step 3: the documented bundle format, for this cluster.</summary>
    private LoadedBundle ParseBundle(BundleDigest digest, byte[] bytes)
    {
        BundleDocument document;
        try
        {
            document = BundleDocument.Parse(bytes);
        }
        catch (BundleFormatException e)
        {
            throw new ReconcileFailure(AgentReasons.BundleInvalid, $"bundle {digest}: {e.Message}", stalled: true, e);
        }
        if (document.Name != _deps.Cluster)
        {
            throw new ReconcileFailure(AgentReasons.BundleInvalid,
                $"bundle {digest} is for cluster '{document.Name}', but this agent is cluster '{_deps.Cluster}'", stalled: true);
        }
        return new LoadedBundle(digest, document);
    }

    /// <summary>Step 4: staged server-side apply with inventory and prune (only this bundle's own objects, only after success).</summary>
    private async Task ApplyBundleAsync(LoadedBundle bundle, CancellationToken cancellationToken)
    {
        ApplyResult result;
        using (await _deps.Gate.EnterAsync(cancellationToken).ConfigureAwait(false))
        {
            result = await new BundleApplier(_deps.Connection, _options.Applier).ApplyAsync(RequestFor(bundle), cancellationToken).ConfigureAwait(false);
        }
        _observation = _observation with { ChangeSet = ChangeCounts.Of(result.ChangeSet), PruneBlocked = result.PruneBlocked, Deferred = result.Deferred };
        LogApplied(_logger, bundle.Digest.ToString(), result.ChangeSet.ToString(), result.Failures.Count);
        LogHeldBack(result);
        Conclude(result, $"applying {bundle.Digest}");
    }

    private ApplyRequest RequestFor(LoadedBundle bundle) => new()
    {
        Cluster = _deps.Cluster,
        Bundle = bundle.Document.Name,
        Objects = bundle.Document.Objects,
        Digest = bundle.Digest.ToString(),
        Revision = bundle.Document.Revision,
        Prune = bundle.Document.Prune,
    };

    /// <summary>Logs what the engine held back from pruning; throws the failure that a failed apply or prune means.</summary>
    private void Conclude(ApplyResult result, string doing)
    {
        if (result.PruneBlocked.Count > 0)
        {
            LogPruneBlocked(_logger, string.Join("; ", result.PruneBlocked));
        }
        if (!result.Succeeded)
        {
            var unreachable = result.Failures.All(f => f.Reason is "Unreachable" or "Timeout" or "ServiceUnavailable" or "TooManyRequests");
            var shown = string.Join("; ", result.Failures.Take(5).Select(f => f.ToString()));
            var more = result.Failures.Count > 5 ? $"; and {result.Failures.Count - 5} more" : "";
            throw new ReconcileFailure(unreachable ? AgentReasons.ClusterUnreachable : AgentReasons.ApplyFailed,
                $"{doing} failed for {result.Failures.Count} object(s): {shown}{more}");
        }
    }

    /// <summary>Remembers the bundle as applied (on disk too) and keeps only the bundles still needed in the cache.</summary>
    private void RecordApplied(LoadedBundle bundle)
    {
        _applied = bundle;
        _healthSince = _deps.Time.GetUtcNow();
        _observation = _observation with { Drift = [] };
        _deps.Checkpoint.Update(c => c with
        {
            AppliedDigest = bundle.Digest.ToString(),
            AppliedRevision = bundle.Document.Revision,
            AppliedAt = _deps.Time.GetUtcNow(),
        });
        var keep = new List<BundleDigest> { bundle.Digest };
        if (Target is { IsEmpty: false } target && BundleDigest.TryParse(target.Digest, out var wanted, out _))
        {
            keep.Add(wanted);
        }
        _deps.Cache.Retain(keep);
    }

    /// <summary>On start: the bundle applied last, from the cache, so drift correction works before the hub answers.</summary>
    private void LoadAppliedFromCache()
    {
        if (_deps.Checkpoint.Current.AppliedDigest is not { } text || !BundleDigest.TryParse(text, out var digest, out _))
        {
            return;
        }
        var bytes = _deps.Cache.TryRead(digest, out var problem);
        if (problem is not null)
        {
            LogCacheDiscarded(_logger, problem);
        }
        try
        {
            _applied = bytes is null ? null : ParseBundle(digest, bytes);
        }
        catch (ReconcileFailure e)
        {
            LogCacheDiscarded(_logger, e.Message);
        }
    }
}

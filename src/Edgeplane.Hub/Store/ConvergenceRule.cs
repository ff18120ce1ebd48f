using System.Linq.Expressions;
using Edgeplane.Hub.Store.Entities;

namespace Edgeplane.Hub.Store;

/// <summary>
/// The hub's one definition of a converged cluster: the digest it desires is the one its agent reported applied, and the
/// health in that report is <c>Healthy</c>. Counted in the store (as SQL) and shown per cluster, so <c>edgeplane up</c>,
/// the CLI and a dashboard read the hub's verdict instead of judging digests themselves.
/// </summary>
internal static class ConvergenceRule
{
    /// <summary>The health a status report summarises as healthy (the agent's Ready is True).</summary>
    public const string Healthy = "Healthy";

    /// <summary>The rule as a query predicate (translated to SQL).</summary>
    public static readonly Expression<Func<ClusterRecord, bool>> Converged =
        c => c.DesiredDigest != null && c.DesiredDigest == c.AppliedDigest && c.Health == Healthy;

    private static readonly Func<ClusterRecord, bool> Compiled = Converged.Compile();

    /// <summary>The rule applied to one loaded cluster.</summary>
    public static bool IsConverged(ClusterRecord cluster) => Compiled(cluster);
}

using System.Text.Json.Nodes;
using Edgeplane.KubeSim.Authorization;

namespace Edgeplane.KubeSim.Clusters;

internal sealed partial class VirtualCluster
{
    /// <summary>
    /// RBAC's escalation prevention for a Role, ClusterRole or binding written as an impersonated user (the
    /// administrator, <c>options.User</c> null, holds everything). Runs under <see cref="Sync"/>, which is re-entrant,
    /// so the RBAC objects it reads are the ones the write is judged against.
    /// </summary>
    private void CheckEscalation(ObjectTarget target, JsonObject obj, WriteOptions options)
    {
        if (options.User is { } user)
        {
            RbacEscalation.Check(this, target, obj, user);
        }
    }
}

using System.Text.Json.Nodes;

namespace Edgeplane.Rendering;

/// <summary>Options of one render.</summary>
public sealed record RenderOptions
{
    /// <summary>The revision written into every bundle (<c>spec.revision</c>, <c>edgeplane.dev/source-revision</c>), e.g. a commit id.</summary>
    public string Revision { get; init; } = "unversioned";

    /// <summary>Threads for <see cref="FleetRenderer.RenderAll"/>; null uses every core.</summary>
    public int? MaxDegreeOfParallelism { get; init; }

    /// <summary>
    /// Workspaces already known to be rejected (e.g. found on other clusters): their Applications and NetworkFunctions
    /// are left out (or carried) from the start. <see cref="FleetRenderer.RenderAll"/> fills this in itself.
    /// </summary>
    public IReadOnlySet<string> RejectedWorkspaces { get; init; } = new HashSet<string>();

    /// <summary>
    /// The last good objects of a rejected workspace on a cluster (cluster, workspace → objects), e.g. the objects of the
    /// cluster's previous bundle; null leaves a rejected workspace's objects out. Only objects labelled
    /// <c>edgeplane.dev/workspace</c> with that workspace are kept (so a whole previous bundle may be given). Each is
    /// rendered again, for this revision, under the Application or NetworkFunction its <c>edgeplane.dev/source</c>
    /// annotation names (objects without one are dropped), and is not checked again: it passed when it was first shipped.
    /// </summary>
    public Func<string, string, IReadOnlyList<JsonObject>>? CarriedObjects { get; init; }

    /// <summary>
    /// Objects the hub adds to a cluster's bundle (cluster → objects), e.g. the Cluster API join Secret
    /// (<see cref="Generators.AgentJoinSecret"/>) of each cluster it provisions; null (a render without a hub, like
    /// <c>edgeplane render</c>) adds none. They are the platform's, not checked against any workspace, and each is owned
    /// by the provisioned cluster its <c>edgeplane.dev/source</c> annotation names (<c>Cluster/&lt;name&gt;</c>), else by
    /// the bundle's own cluster. Called for every render of a cluster (perhaps more than once), from worker threads.
    /// </summary>
    public Func<string, IReadOnlyList<JsonObject>>? HubObjects { get; init; }
}

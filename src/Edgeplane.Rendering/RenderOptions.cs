namespace Edgeplane.Rendering;

/// <summary>Options of one render.</summary>
public sealed record RenderOptions
{
    /// <summary>The revision written into every bundle (<c>spec.revision</c>, <c>edgeplane.dev/source-revision</c>), e.g. a commit id.</summary>
    public string Revision { get; init; } = "unversioned";

    /// <summary>Threads for <see cref="FleetRenderer.RenderAll"/>; null uses every core.</summary>
    public int? MaxDegreeOfParallelism { get; init; }
}

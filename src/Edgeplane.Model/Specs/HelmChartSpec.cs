namespace Edgeplane.Model.Specs;

/// <summary>A Helm chart; its version is the effective add-on (or application) version.</summary>
/// <param name="Repository">An <c>https://</c> chart repository, or an <c>oci://</c> chart URL.</param>
/// <param name="Chart">Chart name (for https repositories).</param>
/// <param name="ReleaseName">Helm release name; defaults to the resource name.</param>
public sealed record HelmChartSpec(string Repository, string? Chart, string? ReleaseName)
{
    /// <summary>True for <c>oci://</c> charts, which Flux fetches through an OCIRepository.</summary>
    public bool IsOci => Repository.StartsWith("oci://", StringComparison.Ordinal);
}

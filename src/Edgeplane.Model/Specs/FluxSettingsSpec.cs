namespace Edgeplane.Model.Specs;

/// <summary>How Helm charts reach clusters: through the named Flux add-on, in the given namespace.</summary>
/// <param name="AddOn">Name of the add-on that installs Flux (default <c>flux</c>).</param>
/// <param name="Namespace">Namespace for add-on HelmRepository/HelmRelease objects (default <c>flux-system</c>).</param>
public sealed record FluxSettingsSpec(string AddOn, string Namespace)
{
    /// <summary>The defaults.</summary>
    public static FluxSettingsSpec Default { get; } = new("flux", "flux-system");
}

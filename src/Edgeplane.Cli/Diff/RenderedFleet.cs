using Edgeplane.Cli.Commands;
using Edgeplane.Cli.Shared;
using Edgeplane.Model.Diagnostics;
using Edgeplane.Model.Loading;
using Edgeplane.Model.Sources;
using Edgeplane.Model.Validation;
using Edgeplane.Protocol.Bundles;
using Edgeplane.Rendering;
using Edgeplane.Rendering.Bundles;

namespace Edgeplane.Cli.Diff;

/// <summary>
/// One side of a diff rendered as <c>edgeplane render --all</c> renders (the loader, <see cref="FleetRenderer"/>, a
/// progress bar on a terminal for 200 clusters or more), stamped with <see cref="Revision"/>: what differs per revision
/// is ignored by the comparison anyway.
/// </summary>
internal sealed class RenderedFleet
{
    /// <summary>The revision every bundle of a diff is rendered with.</summary>
    public const string Revision = "edgeplane-diff";

    private RenderedFleet(FleetRenderer renderer, IReadOnlyList<Bundle> bundles)
    {
        Renderer = renderer;
        Bundles = bundles.ToDictionary(b => b.ClusterName, StringComparer.Ordinal);
    }

    public FleetRenderer Renderer { get; }

    public IReadOnlyDictionary<string, Bundle> Bundles { get; }

    /// <summary>
    /// Loads and renders <paramref name="directory"/>. On errors prints each as <c>path:line:col: message</c>, the path
    /// starting with <paramref name="shownAs"/>: the directory as the user wrote it, or for a Git revision
    /// (<paramref name="revisionPrefix"/>) <c>REV:</c> or <c>REV:dir/</c> as <c>git show</c> takes paths. Then throws
    /// <see cref="DiffInputException"/>.
    /// </summary>
    public static RenderedFleet Render(string directory, string shownAs, LoadLimits limits, TextWriter error, bool revisionPrefix = false)
    {
        var loaded = FleetLoader.Load(directory, limits);
        if (!loaded.Succeeded)
        {
            throw Fail(error, shownAs, revisionPrefix, "does not load", loaded.Diagnostics);
        }
        var renderer = new FleetRenderer(loaded.Fleet!);
        var rendered = RenderCommand.RenderAll(renderer, new RenderOptions { Revision = Revision }, error);
        return rendered.Succeeded ? new RenderedFleet(renderer, rendered.Bundles) : throw Fail(error, shownAs, revisionPrefix, "does not render", rendered.Diagnostics);
    }

    /// <summary>Each cluster's declared Kubernetes version (clusters without one are left out).</summary>
    public IReadOnlyDictionary<string, string> KubernetesVersions() =>
        Bundles.Keys.Select(Renderer.Describe).Where(c => c.KubernetesVersion.Length > 0)
            .ToDictionary(c => c.Name, c => c.KubernetesVersion, StringComparer.Ordinal);

    /// <summary>
    /// The hub's skew check (<see cref="KubernetesSkew.Refusals"/>) of this fleet's Kubernetes versions against
    /// <paramref name="previous"/>: what would make the hub fail the revision. Clusters new to the fleet are not checked.
    /// </summary>
    public IReadOnlyList<Diagnostic> SkewRefusals(IReadOnlyDictionary<string, string> previous) =>
        KubernetesSkew.Refusals(Bundles.Keys.Where(previous.ContainsKey).Select(Renderer.Describe).Where(c => c.KubernetesVersion.Length > 0)
            .Select(c => new KubernetesVersionChange(c.Name, previous[c.Name], c.KubernetesVersion, c.AllowKubernetesDowngrade, c.KubernetesVersionOrigin)));

    /// <summary>The bundle document of <paramref name="bundle"/>, as the agent and the hub read it.</summary>
    public static BundleDocument Document(Bundle bundle) => BundleDocument.Parse(bundle.CanonicalBytes.Span);

    private static DiffInputException Fail(TextWriter error, string shownAs, bool revisionPrefix, string what, IReadOnlyList<Diagnostic> diagnostics)
    {
        if (revisionPrefix)
        {
            foreach (var d in diagnostics)
            {
                error.WriteLine(new Diagnostic(d.Location with { File = shownAs + d.Location.File }, d.Message, d.Code).ToString());
            }
        }
        else
        {
            DiagnosticPrinter.Print(error, shownAs, diagnostics);
        }
        return new DiffInputException($"the fleet at {shownAs.TrimEnd(':', '/')} {what}: {diagnostics.Count} error(s)");
    }
}

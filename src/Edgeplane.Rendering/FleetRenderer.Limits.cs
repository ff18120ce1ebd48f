using Edgeplane.Model.Diagnostics;
using Edgeplane.Model.Sources;
using Edgeplane.Rendering.Inheritance;
using Edgeplane.Rendering.Templates;

namespace Edgeplane.Rendering;

public sealed partial class FleetRenderer
{
    /// <summary>
    /// Checks one written object against the object and ConfigMap/Secret data limits, and the bundle so far
    /// (<paramref name="bundleBytes"/>) against the bundle limit. False once the bundle is over: nothing more is written,
    /// so a render never holds much more than the limit. The objects' fixed parts were checked when they were compiled;
    /// here what variables added is counted. Costs two comparisons when nothing is over.
    /// </summary>
    private static bool WithinLimits(ClusterContext context, Entry entry, WrittenObject written, int bundleBytes, LoadLimits limits, List<Diagnostic> errors)
    {
        if (written.TooLarge && !written.Reported)
        {
            errors.Add(new Diagnostic(entry.Object.Location,
                $"{What(entry)} is more than {ByteSizes.Describe(limits.MaxObjectBytes)} of JSON on cluster \"{context.Name}\": it exceeds the object limit (MaxObjectBytes)",
                "LimitExceeded"));
        }
        else if (written.DataBytes > limits.MaxConfigDataBytes && entry.Object.DataBytes is not null)
        {
            errors.Add(new Diagnostic(entry.Object.DataLocation,
                $"{ObjectCompiler.DataTooLarge(What(entry), written.DataBytes, limits.MaxConfigDataBytes)} on cluster \"{context.Name}\"", "LimitExceeded"));
        }
        if (bundleBytes <= limits.MaxBundleBytes)
        {
            return true;
        }
        errors.Add(BundleTooLarge(entry.Object.Location, context, limits, $"; it went over with {What(entry)}"));
        return false;
    }

    /// <summary>The bundle limit, checked once more when the bundle is complete (its closing line may take it over).</summary>
    private static bool WithinLimit(ClusterContext context, int bundleBytes, LoadLimits limits, List<Diagnostic> errors)
    {
        if (bundleBytes <= limits.MaxBundleBytes)
        {
            return true;
        }
        errors.Add(BundleTooLarge(context.Cluster.Origin.Location, context, limits, ""));
        return false;
    }

    private static Diagnostic BundleTooLarge(SourceLocation at, ClusterContext context, LoadLimits limits, string where) => new(at,
        $"the bundle of cluster \"{context.Name}\" is more than {ByteSizes.Describe(limits.MaxBundleBytes)}: it exceeds the bundle limit (MaxBundleBytes){where}",
        "LimitExceeded");

    private static string What(Entry entry) => $"{entry.Owner.Source}: {entry.Object.Kind} \"{Display(entry)}\"";
}

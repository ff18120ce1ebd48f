using Edgeplane.Rendering.Bundles;

namespace Edgeplane.Rendering.Tests;

/// <summary>Assertions on a rejected workspace: nothing of its Applications and NetworkFunctions reaches any bundle.</summary>
internal static class Rejected
{
    /// <summary>True for an object an Application or NetworkFunction of <paramref name="workspace"/> rendered.</summary>
    public static bool IsWorkloadOf(BundleObject o, string workspace) =>
        (o.Source.StartsWith("Application/", StringComparison.Ordinal) || o.Source.StartsWith("NetworkFunction/", StringComparison.Ordinal))
        && o.ToJsonObject()["metadata"]?["labels"]?["edgeplane.dev/workspace"]?.GetValue<string>() == workspace;

    public static void AssertNothingShipped(RenderAllResult all, string workspace)
    {
        Assert.NotEmpty(all.Bundles);
        foreach (var bundle in all.Bundles)
        {
            Assert.DoesNotContain(bundle.Objects, o => IsWorkloadOf(o, workspace));
        }
    }
}

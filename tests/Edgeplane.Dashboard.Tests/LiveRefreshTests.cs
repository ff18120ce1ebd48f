using Edgeplane.Dashboard.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Edgeplane.Dashboard.Tests;

/// <summary>
/// A live update re-creates only what changed: at 10,000 sites a status change must not rebuild the whole overview
/// (docs/dashboard.md, Scale). Elements of the page are tagged before the change; the untouched ones must survive it.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class LiveRefreshTests(DashboardStack stack, Chromium chromium)
{
    private const string Cluster = "edge-bos-01";
    private const string Neighbour = "edge-ams-01"; // same layer, another region
    private const string Namespace = "flux-system";
    private const string Deployment = "source-controller";

    [Fact]
    public async Task StatusChange_ReplacesOnlyTheChangedPiecesOfTheOverview()
    {
        await using var overview = await DashboardPage.OpenAsync(chromium, stack, stack.AdminToken);
        var square = overview.Page.Locator($".map .cell[href='/clusters/{Cluster}']");
        await Expect(square).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex("st-drifted"));
        // Tag the cloud layer's map row, the filter form, another region's chunk in the same row, and the square's own
        // chunk (which must be replaced).
        await overview.Page.EvaluateAsync($$"""
            () => {
              document.querySelector('.map-row[data-map="cloud"]').edgeplaneProbe = 'kept';
              document.querySelector('form[data-filter]').edgeplaneProbe = 'kept';
              document.querySelector('.map .cell[href="/clusters/{{Neighbour}}"]').closest('.map-chunk').edgeplaneProbe = 'kept';
              document.querySelector('.map .cell[href="/clusters/{{Cluster}}"]').closest('.map-chunk').edgeplaneProbe = 'old';
            }
            """);
        var replicas = await Kubectl.RunAsync(stack, Cluster, "get", "deployment", Deployment, "-n", Namespace, "-o", "jsonpath={.spec.replicas}");
        try
        {
            Assert.Contains("patched", await Kubectl.RunAsync(stack, Cluster, "patch", "deployment", Deployment, "-n", Namespace,
                "--type=merge", "-p", """{"spec":{"replicas":5}}"""));
            stack.Stack.Agents[Cluster].RequestReconcile();

            await Expect(square).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("st-drifted"), new() { Timeout = 60_000 });
            var probes = await overview.Page.EvaluateAsync<string[]>($$"""
                () => [
                  document.querySelector('.map-row[data-map="cloud"]').edgeplaneProbe ?? 'replaced',
                  document.querySelector('form[data-filter]').edgeplaneProbe ?? 'replaced',
                  document.querySelector('.map .cell[href="/clusters/{{Neighbour}}"]').closest('.map-chunk').edgeplaneProbe ?? 'replaced',
                  document.querySelector('.map .cell[href="/clusters/{{Cluster}}"]').closest('.map-chunk').edgeplaneProbe ?? 'replaced',
                ]
                """);
            Assert.Equal(["kept", "kept", "kept", "replaced"], probes);
            overview.AssertNoConsoleErrors();
        }
        finally
        {
            var original = replicas.Trim().Length > 0 ? replicas.Trim() : "1";
            await Kubectl.RunAsync(stack, Cluster, "patch", "deployment", Deployment, "-n", Namespace, "--type=merge",
                "-p", "{\"spec\":{\"replicas\":" + original + "}}");
            stack.Stack.Agents[Cluster].RequestReconcile();
        }
    }
}

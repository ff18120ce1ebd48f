using Edgeplane.Dashboard.Tests.Support;
using Edgeplane.Hub.Api.Contracts;
using static Microsoft.Playwright.Assertions;

namespace Edgeplane.Dashboard.Tests;

/// <summary>What changes in the fleet reaches open pages through the event stream, without a reload.</summary>
[Collection(DashboardCollection.Name)]
public sealed class LiveUpdateTests(DashboardStack stack, Chromium chromium)
{
    private const string Cluster = "edge-dub-01";
    private const string Namespace = "flux-system";
    private const string Deployment = "helm-controller";

    [Fact]
    public async Task Drift_MadeWithKubectl_AppearsOnTheOpenClusterPageAndOverviewWithoutReload()
    {
        await using var detail = await DashboardPage.OpenAsync(chromium, stack, stack.AdminToken, $"/clusters/{Cluster}");
        await using var overview = await DashboardPage.OpenAsync(chromium, stack, stack.AdminToken);
        await detail.Page.EvaluateAsync("window.__sameDocument = 'yes'");
        await overview.Page.EvaluateAsync("window.__sameDocument = 'yes'");
        var row = detail.Page.Locator($"#drift-table tr[data-object='Deployment/{Namespace}/{Deployment}']");
        await Expect(row).ToHaveCountAsync(0);
        var flux = detail.Page.Locator("#addons tr[data-source='AddOn/flux'] [data-field='health']");
        await Expect(flux).Not.ToContainTextAsync("drifted");

        Assert.Contains("patched", await Kubectl.RunAsync(stack, Cluster, "patch", "deployment", Deployment, "-n", Namespace,
            "--type=merge", "-p", """{"spec":{"replicas":4}}"""));
        stack.Stack.Agents[Cluster].RequestReconcile();

        await Expect(row).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(row).ToContainTextAsync("spec.replicas");
        await Expect(flux).ToContainTextAsync("1 drifted");
        await Expect(detail.Page.Locator("[data-field='drift'] .badge")).ToHaveTextAsync("Drifted");
        var fleet = await stack.GetAsync<FleetSummaryResponse>("/api/v1/fleet");
        Assert.True(fleet.Total.Drifted >= 1);
        await Expect(overview.Page.Locator("#layers tr[data-layer='total'] td[data-count='drifted']")).ToHaveTextAsync(fleet.Total.Drifted.ToString());
        await Expect(overview.Page.Locator($".map .cell[href='/clusters/{Cluster}']")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("st-drifted"));
        Assert.Equal("yes", await detail.Page.EvaluateAsync<string>("window.__sameDocument"));
        Assert.Equal("yes", await overview.Page.EvaluateAsync<string>("window.__sameDocument"));
        await detail.ScreenshotAsync("cluster-drifted");
        detail.AssertNoConsoleErrors();
        overview.AssertNoConsoleErrors();
    }
}

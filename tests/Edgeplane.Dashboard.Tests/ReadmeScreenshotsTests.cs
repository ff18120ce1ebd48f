using Edgeplane.Dashboard.Tests.Support;
using Edgeplane.Hub.Api.Contracts;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Edgeplane.Dashboard.Tests;

/// <summary>
/// The README's three pictures (docs/images/dashboard-*.png with <c>UPDATE_SCREENSHOTS=1</c>), each taken right after
/// this test set up and checked the state the README says it shows, on a stack no other test touches.
/// </summary>
[Collection(ReadmeCollection.Name)]
public sealed class ReadmeScreenshotsTests(DashboardStack stack, Chromium chromium)
{
    /// <summary>An edge site running the edge-baseline add-ons, KubeVirt, the du CNF and the vrouter VNF.</summary>
    private const string Site = "edge-fra-01";

    [Fact]
    public async Task ReadmeScreenshots_RolloutSoaking_SiteWithADriftedCnf_OverviewWithIt()
    {
        var id = stack.Rollout.Id;
        await using var tab = await DashboardPage.OpenAsync(chromium, stack, stack.AdminToken, $"/rollouts/{id}");
        var page = tab.Page;

        // The run the stack starts: its canary wave soaks for an hour, and a fleet admin may pause, promote or abort it.
        await Expect(page.Locator("li.wave.current h3 .badge").First).ToHaveTextAsync("Soaking");
        await Expect(page.Locator("li.wave.current")).ToHaveAttributeAsync("data-wave", "canary");
        foreach (var button in new[] { "Pause", "Promote", "Abort" })
        {
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = button })).ToBeVisibleAsync();
        }
        await Screenshots.ReadmeAsync(page, "rollout");

        // An operator scales the site's du CNF by hand: the drift check finds it.
        Assert.Contains("patched", await Kubectl.RunAsync(stack, Site, "patch", "deployment", "du", "-n", "ran-du",
            "--type=merge", "-p", """{"spec":{"replicas":3}}"""));
        stack.Stack.Agents[Site].RequestReconcile();
        await tab.GotoAsync($"/clusters/{Site}");
        await Expect(page.Locator("#drift-table tr[data-object='Deployment/ran-du/du']")).ToContainTextAsync("spec.replicas", new() { Timeout = 60_000 });
        var du = page.Locator("#workloads tr[data-source='NetworkFunction/du']");
        await Expect(du.Locator("[data-field='type']")).ToHaveTextAsync("CNF");
        await Expect(du.Locator("[data-field='health']")).ToContainTextAsync("1 drifted");
        await Expect(page.Locator("#workloads tr[data-source='NetworkFunction/vrouter'] [data-field='type']")).ToHaveTextAsync("VNF");
        await Expect(page.Locator("#addons tr[data-source='AddOn/kubevirt']")).ToBeVisibleAsync();
        await page.SetViewportSizeAsync(1400, 1700);
        await Screenshots.ReadmeAsync(page, "cluster");
        await page.SetViewportSizeAsync(1400, 900);

        // The overview: that site drifted, and the rollout still in its canary wave.
        var fleet = await stack.GetAsync<FleetSummaryResponse>("/api/v1/fleet");
        await tab.GotoAsync("/");
        Assert.Equal(1, fleet.Total.Drifted);
        await Expect(page.Locator("#layers tr[data-layer='total'] td[data-count='drifted']")).ToHaveTextAsync("1");
        await Expect(page.Locator($".map .cell[href='/clusters/{Site}']")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("st-drifted"));
        Assert.Equal("canary", (await stack.GetAsync<RolloutResponse>($"/api/v1/rollouts/{id}")).CurrentWave);
        await Screenshots.ReadmeAsync(page, "overview", fullPage: true);
        tab.AssertNoConsoleErrors();
    }
}

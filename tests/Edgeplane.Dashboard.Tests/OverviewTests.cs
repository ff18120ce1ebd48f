using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Edgeplane.Dashboard.Tests.Support;
using Edgeplane.Hub.Api.Contracts;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Edgeplane.Dashboard.Tests;

/// <summary>The fleet overview: counts as the API gives them, drill-down to a site's cluster, filters, keyboard and axe.</summary>
[Collection(DashboardCollection.Name)]
public sealed class OverviewTests(DashboardStack stack, Chromium chromium)
{
    [Fact]
    public async Task Overview_TokenInTheAddress_NamesTheLayersAndDropsTheToken()
    {
        await using var tab = await DashboardPage.OpenAsync(chromium, stack, stack.AdminToken);

        await Expect(tab.Page.Locator("#view h1")).ToHaveTextAsync("Fleet overview");
        await Expect(tab.Page.Locator("#layers tbody th")).ToHaveTextAsync(["cloud", "regional", "edge"]);
        Assert.DoesNotContain("token", tab.Page.Url, StringComparison.Ordinal);
        Assert.Equal(stack.AdminToken, await tab.Page.EvaluateAsync<string>("sessionStorage.getItem('edgeplane.token')"));
        tab.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task Overview_ExampleFleet_CountsMatchTheFleetApi()
    {
        await using var tab = await DashboardPage.OpenAsync(chromium, stack, stack.AdminToken);
        var fleet = await stack.GetAsync<FleetSummaryResponse>("/api/v1/fleet");

        foreach (var layer in fleet.Layers.Append(fleet.Total))
        {
            var row = tab.Page.Locator($"#layers tr[data-layer='{layer.Layer}']");
            await Expect(row.Locator("td[data-count='clusters']")).ToHaveTextAsync(layer.Clusters.ToString());
            await Expect(row.Locator("td[data-count='inSync']")).ToHaveTextAsync(layer.InSync.ToString());
            await Expect(row.Locator("td[data-count='drifted']")).ToHaveTextAsync(layer.Drifted.ToString());
            await Expect(row.Locator("td[data-count='unhealthy']")).ToHaveTextAsync(layer.Unhealthy.ToString());
            await Expect(row.Locator("td[data-count='offline']")).ToHaveTextAsync(layer.Offline.ToString());
            await Expect(row.Locator("td[data-count='unknown']")).ToHaveTextAsync(layer.Unknown.ToString());
        }
        Assert.Equal(30, fleet.Total.Clusters);
        await Expect(tab.Page.Locator("[data-card='clusters'] .card-value")).ToHaveTextAsync(fleet.Total.Clusters.ToString());
        await Expect(tab.Page.Locator(".map .cell")).ToHaveCountAsync(fleet.Total.Clusters);
        await tab.ScreenshotAsync("overview-counts");
        tab.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task Overview_DrillDownThroughRegionAndSite_ReachesTheClusterPage_AndBackKeepsTheFilter()
    {
        await using var tab = await DashboardPage.OpenAsync(chromium, stack, stack.AdminToken);
        var page = tab.Page;

        await page.Locator("table[data-regions='edge']").GetByRole(AriaRole.Link, new() { Name = "eu-west", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/\\?layer=edge&region=eu-west$"));
        await Expect(page.Locator("#f-region")).ToHaveValueAsync("eu-west");
        await Expect(page.Locator("#layers tr[data-layer='total'] td[data-count='clusters']")).ToHaveTextAsync("8");
        var site = page.Locator("table[data-sites='edge'] tr[data-site='dub-01']");
        await site.GetByRole(AriaRole.Link, new() { Name = "edge-dub-01" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/clusters/edge-dub-01$"));
        await tab.WaitForViewAsync();
        await Expect(page.Locator("#view h1")).ToHaveTextAsync("edge-dub-01");
        await Expect(page.Locator("[data-field='phase'] .badge")).ToHaveTextAsync("Ready");
        await Expect(page.Locator("[data-field='kubernetes']")).ToContainTextAsync("desired v1.30.4+k3s1, observed v1.30.4+k3s1");
        await Expect(page.Locator("[data-field='link'] .badge")).ToHaveTextAsync("Online");

        await page.GoBackAsync();
        await tab.WaitForViewAsync();
        await Expect(page.Locator("#view h1")).ToHaveTextAsync("Fleet overview");
        await Expect(page.Locator("table[data-sites='edge'] tr[data-site='dub-01']")).ToBeVisibleAsync();
        tab.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task Overview_LabelSelector_CountsTheClustersTheApiSelects()
    {
        var selected = await stack.GetAsync<PageResponse<ClusterResponse>>("/api/v1/clusters?selector=site-tier%3Dfar-edge&limit=1000");
        Assert.NotEmpty(selected.Items);
        await using var tab = await DashboardPage.OpenAsync(chromium, stack, stack.AdminToken);
        var page = tab.Page;

        await page.GetByLabel("Label selector").FillAsync("site-tier=far-edge");
        await page.GetByLabel("Label selector").PressAsync("Enter");

        await Expect(page).ToHaveURLAsync(new Regex("/\\?label=site-tier%3Dfar-edge$"));
        await Expect(page.Locator("#layers tr[data-layer='total'] td[data-count='clusters']")).ToHaveTextAsync(selected.Items.Count.ToString());
        await Expect(page.GetByLabel("Label selector")).ToBeFocusedAsync();
        await Expect(page.Locator(".map .cell")).ToHaveCountAsync(selected.Items.Count);
        await page.ReloadAsync();
        await tab.WaitForViewAsync();
        await Expect(page.Locator("#f-label")).ToHaveValueAsync("site-tier=far-edge");
        await Expect(page.Locator(".map .cell")).ToHaveCountAsync(selected.Items.Count);
        tab.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task Overview_BadLabelSelector_SaysWhatTheHubRefused()
    {
        await using var tab = await DashboardPage.OpenAsync(chromium, stack, stack.AdminToken, "/?label=tier%3Ein%20(a");

        await Expect(tab.Page.Locator(".notices [role='alert']")).ToContainTextAsync("Label selector refused");
        await Expect(tab.Page.Locator("#layers tr[data-layer='total'] td[data-count='clusters']")).ToHaveTextAsync("0");
    }

    [Fact]
    public async Task Overview_Keyboard_SkipLinkLandmarksAndNavigationLinks()
    {
        await using var tab = await DashboardPage.OpenAsync(chromium, stack, stack.AdminToken);
        var page = tab.Page;

        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Skip to content" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("main")).ToBeFocusedAsync();

        var snapshot = await page.Locator("body").AriaSnapshotAsync();
        Assert.Contains("banner", snapshot, StringComparison.Ordinal);
        Assert.Contains("navigation \"Main\"", snapshot, StringComparison.Ordinal);
        Assert.Contains("main", snapshot, StringComparison.Ordinal);
        Assert.Contains("heading \"Fleet overview\" [level=1]", snapshot, StringComparison.Ordinal);
        Assert.Contains("search \"Filter the fleet\"", snapshot, StringComparison.Ordinal);

        var rollouts = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Rollouts" });
        await rollouts.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex("/rollouts$"));
        await Expect(page.Locator("#view h1")).ToBeFocusedAsync();
        await Expect(rollouts).ToHaveAttributeAsync("aria-current", "page");
        tab.AssertNoConsoleErrors();
    }

    [Theory]
    [InlineData(ColorScheme.Light)]
    [InlineData(ColorScheme.Dark)]
    public async Task Overview_Axe_NoSeriousOrCriticalViolations(ColorScheme scheme)
    {
        await using var tab = await DashboardPage.OpenAsync(chromium, stack, stack.AdminToken, "/", scheme);

        var result = await tab.Page.RunAxe();

        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious.Select(v =>
            $"{v.Impact} {v.Id}: {v.Help} at {string.Join(", ", v.Nodes.Take(5).Select(n => n.Target?.ToString()))}")));
        if (scheme == ColorScheme.Dark)
        {
            await tab.ScreenshotAsync("overview-dark");
        }
    }
}

using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Edgeplane.Dashboard.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Edgeplane.Dashboard.Tests;

/// <summary>Every view, reached by its bookmark and by its links: it renders, logs no console error, and axe finds nothing serious.</summary>
[Collection(DashboardCollection.Name)]
public sealed class ViewsTests(DashboardStack stack, Chromium chromium)
{
    [Fact]
    public async Task EveryView_OpenedByItsAddress_RendersWithoutConsoleErrors()
    {
        var sha = stack.Rollout.Revision;
        var views = new (string Path, string Heading, string Shot)[]
        {
            ("/", "Fleet overview", "overview"),
            ("/?layer=edge&region=eu-west&health=in-sync", "Fleet overview", "overview-filtered"),
            ("/clusters", "Clusters", "clusters"),
            ("/clusters?site=dub-01", "Clusters", "clusters-site"),
            ("/clusters/edge-dub-01", "edge-dub-01", "cluster"),
            ("/clusters/eks-eu-west", "eks-eu-west", "cluster-management"),
            ("/clusters/edge-lux-01", "edge-lux-01", "cluster-provisioned"),
            ("/rollouts", "Rollouts", "rollouts"),
            ($"/rollouts/{stack.Rollout.Id}", $"Rollout {stack.Rollout.Id}", "rollout"),
            ("/revisions", "Revisions", "revisions"),
            ($"/revisions/{sha}", $"Revision {sha[..12]}", "revision"),
            ("/workspaces", "Workspaces", "workspaces"),
            ("/workspaces/ran", "Workspace ran", "workspace"),
            ("/audit", "Audit log", "audit"),
            ("/audit?action=rollout&since=1h", "Audit log", "audit-filtered"),
            ("/no/such/page", "Not found", "not-found"),
        };
        await using var tab = await DashboardPage.OpenAsync(chromium, stack, stack.AdminToken);

        foreach (var (path, heading, shot) in views)
        {
            await tab.GotoAsync(path);
            await Expect(tab.Page.Locator("#view h1")).ToHaveTextAsync(heading);
            await Expect(tab.Page).ToHaveTitleAsync($"{heading} · Edgeplane");
            await tab.ScreenshotAsync(shot);
        }
        tab.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task NavigationLinks_MoveBetweenViewsWithoutReloading()
    {
        await using var tab = await DashboardPage.OpenAsync(chromium, stack, stack.AdminToken);
        var page = tab.Page;
        await page.EvaluateAsync("window.__sameDocument = 'yes'");
        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });

        foreach (var (link, heading, path) in new[]
        {
            ("Clusters", "Clusters", "/clusters"), ("Rollouts", "Rollouts", "/rollouts"), ("Revisions", "Revisions", "/revisions"),
            ("Workspaces", "Workspaces", "/workspaces"), ("Audit log", "Audit log", "/audit"), ("Overview", "Fleet overview", "/"),
        })
        {
            await nav.GetByRole(AriaRole.Link, new() { Name = link, Exact = true }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex($"{Regex.Escape(path)}$"));
            await Expect(page.Locator("#view h1")).ToHaveTextAsync(heading);
        }
        Assert.Equal("yes", await page.EvaluateAsync<string>("window.__sameDocument"));
        tab.AssertNoConsoleErrors();
    }

    [Theory]
    [InlineData("/clusters/edge-dub-01")]
    [InlineData("/rollouts")]
    [InlineData("/audit")]
    public async Task View_Axe_NoSeriousOrCriticalViolations(string path)
    {
        var id = stack.Rollout.Id;
        await using var tab = await DashboardPage.OpenAsync(chromium, stack, stack.AdminToken, path == "/rollouts" ? $"/rollouts/{id}" : path);

        var result = await tab.Page.RunAxe();

        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious.Select(v =>
            $"{v.Impact} {v.Id}: {v.Help} at {string.Join(", ", v.Nodes.Take(5).Select(n => n.Target?.ToString()))}")));
    }
}

using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Edgeplane.Dashboard.Tests.Support;
using Edgeplane.Hub.Api.Contracts;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Edgeplane.Dashboard.Tests;

/// <summary>
/// A revision's Changes section: the clusters, objects and fields of <c>GET /api/v1/revisions/{sha}/diff</c>, one cluster's
/// whole diff behind a link that puts it in the address.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class RevisionChangesTests(DashboardStack stack, Chromium chromium)
{
    [Fact]
    public async Task RevisionWithChanges_ShowsTheApisDiff_OneClusterWholeByItsBookmarkableLink()
    {
        var sha = stack.Rollout.Revision; // the Istio bump the fixture committed: every cluster with Istio changes
        var diff = await stack.GetAsync<RevisionDiffResponse>($"/api/v1/revisions/{sha}/diff");
        Assert.NotEmpty(diff.Clusters);
        await using var tab = await DashboardPage.OpenAsync(chromium, stack, stack.AdminToken, $"/revisions/{sha}");
        var changes = tab.Page.Locator("#changes");

        await Expect(changes.GetByRole(AriaRole.Heading, new() { Name = "Changes", Level = 2 })).ToBeVisibleAsync();
        await Expect(changes.Locator("#changes-base")).ToContainTextAsync(diff.Base!.Sha[..12]);
        var (c, total) = (diff.Counts, diff.Counts.Added + diff.Counts.Removed + diff.Counts.Changed);
        await Expect(changes.Locator("#changes-counts")).ToHaveTextAsync(
            $"{total} cluster(s) changed: {c.Added} added, {c.Removed} removed, {c.Changed} changed.");
        await Expect(changes.Locator("section.cluster-change")).ToHaveCountAsync(diff.Clusters.Count);
        Assert.Equal(diff.Clusters.Select(x => x.Name),
            await changes.Locator("section.cluster-change").EvaluateAllAsync<string[]>("all => all.map(s => s.dataset.cluster)"));

        await tab.ScreenshotAsync("revision-changes-list");
        var name = diff.Clusters[0].Name;
        await changes.Locator($"a[data-whole='{name}']").ClickAsync();

        await Expect(tab.Page).ToHaveURLAsync(new Regex($"/revisions/{sha}\\?cluster={Regex.Escape(name)}$"));
        var whole = await stack.GetAsync<RevisionDiffResponse>($"/api/v1/revisions/{sha}/diff?cluster={name}");
        await AssertShowsAsync(changes, Assert.Single(whole.Clusters));
        await tab.GotoAsync($"/revisions/{sha}?cluster={name}"); // the bookmark
        await AssertShowsAsync(changes, whole.Clusters[0]);
        var axe = await tab.Page.RunAxe();
        var serious = axe.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious.Select(v => $"{v.Impact} {v.Id}: {v.Help}")));
        await tab.ScreenshotAsync("revision-changes");
        tab.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task UnknownClusterInTheAddress_TheHubsReasonInTheSection_RestOfThePageShown()
    {
        var sha = stack.Rollout.Revision;
        await using var tab = await DashboardPage.OpenAsync(chromium, stack, stack.AdminToken, $"/revisions/{sha}?cluster=no-such-cluster");

        await Expect(tab.Page.Locator("#changes [role='alert']")).ToContainTextAsync($"revision {sha} changed no cluster named 'no-such-cluster'");
        await Expect(tab.Page.Locator("#view h1")).ToHaveTextAsync($"Revision {sha[..12]}");
        await tab.Page.GetByRole(AriaRole.Link, new() { Name = "Show every changed cluster" }).ClickAsync();
        await Expect(tab.Page.Locator("#changes-counts")).ToBeVisibleAsync();
        // The browser logs the refused call itself; the page's script logs nothing.
        Assert.All(tab.ConsoleErrors, e => Assert.Contains("404 (Not Found) (http", e, StringComparison.Ordinal));
        Assert.All(tab.ConsoleErrors, e => Assert.Contains("/diff?cluster=no-such-cluster", e, StringComparison.Ordinal));
    }

    /// <summary>The one cluster's section: every changed object a table of its fields with the old and new value as the API gives them.</summary>
    private static async Task AssertShowsAsync(ILocator changes, ClusterDiffResponse cluster)
    {
        await Expect(changes.Locator("section.cluster-change")).ToHaveCountAsync(1);
        var section = changes.Locator($"section.cluster-change[data-cluster='{cluster.Name}']");
        await Expect(section.Locator("summary")).ToHaveTextAsync(
            $"Objects: {cluster.Objects.Changed} changed, {cluster.Objects.Added} added, {cluster.Objects.Removed} removed");
        await Expect(section.Locator("table.diff-fields")).ToHaveCountAsync(cluster.Changed.Count);
        foreach (var obj in cluster.Changed)
        {
            var table = section.Locator($"table[data-object='{obj.Id}']");
            await Expect(table.Locator("tbody tr")).ToHaveCountAsync(obj.Fields.Count);
            foreach (var field in obj.Fields)
            {
                var row = table.Locator($"tr[data-path='{field.Path}']");
                await Expect(row.Locator("th")).ToContainTextAsync(field.Path);
                await Expect(row.Locator("td").Nth(0)).ToContainTextAsync(field.Added ? "(did not exist)" : Shown(field.Old));
                await Expect(row.Locator("td").Nth(1)).ToContainTextAsync(field.Removed ? "(removed)" : Shown(field.New));
            }
        }
        await Expect(section.Locator("ul.objects li")).ToHaveCountAsync(cluster.Added.Count + cluster.Removed.Count);
    }

    private static readonly JsonSerializerOptions AsJavaScript = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A value as the page writes it: a string as its text, anything else as JSON (as JSON.stringify does).</summary>
    private static string Shown(JsonNode? value) =>
        value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : value?.ToJsonString(AsJavaScript) ?? "null";
}

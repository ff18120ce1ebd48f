using Deque.AxeCore.Playwright;
using Edgeplane.Dashboard.Tests.Support;
using Edgeplane.Hub.Api.Contracts;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Edgeplane.Dashboard.Tests;

/// <summary>A cluster's page names its add-ons, applications and network functions with their health, as the API does.</summary>
[Collection(DashboardCollection.Name)]
public sealed class ClusterViewTests(DashboardStack stack, Chromium chromium)
{
    /// <summary>An edge site running the edge-baseline add-ons, KubeVirt, the du CNF and the vrouter VNF.</summary>
    private const string Site = "edge-fra-01";

    [Fact]
    public async Task ClusterPage_EdgeSiteWithAVnfACnfAndAddOns_SectionsMatchTheApi()
    {
        await using var tab = await DashboardPage.OpenAsync(chromium, stack, stack.AdminToken, $"/clusters/{Site}");
        var page = tab.Page;
        var detail = await stack.GetAsync<ClusterDetailResponse>($"/api/v1/clusters/{Site}");

        Assert.Contains(detail.AddOns, a => a.Name == "kubevirt");
        await Expect(page.Locator("#addons tbody tr")).ToHaveCountAsync(detail.AddOns.Count);
        foreach (var addOn in detail.AddOns)
        {
            var row = page.Locator($"#addons tr[data-source='{addOn.Source}']");
            await Expect(row.Locator("th")).ToHaveTextAsync(addOn.Name);
            await Expect(row.Locator("[data-field='version']")).ToHaveTextAsync(addOn.Version!);
            await Expect(row.Locator("[data-field='health'] .badge").First).ToHaveTextAsync(addOn.Health.Status);
            await Expect(row.Locator("[data-field='objects']")).ToHaveTextAsync(addOn.ObjectCount.ToString());
        }

        var functions = detail.NetworkFunctions.ToDictionary(n => n.Name);
        Assert.Equal(("CNF", "VNF"), (functions["du"].Kind, functions["vrouter"].Kind));
        await Expect(page.Locator("#workloads tbody tr")).ToHaveCountAsync(detail.Applications.Count + detail.NetworkFunctions.Count);
        foreach (var function in detail.NetworkFunctions)
        {
            var row = page.Locator($"#workloads tr[data-source='{function.Source}']");
            await Expect(row.Locator("th")).ToHaveTextAsync(function.Name);
            await Expect(row.Locator("[data-field='type']")).ToHaveTextAsync(function.Kind!);
            await Expect(row.Locator("[data-field='workspace']")).ToHaveTextAsync(function.Workspace!);
            await Expect(row.Locator("[data-field='workload']")).ToHaveTextAsync($"{function.Workload!.Kind} {function.Workload.Name}");
            await Expect(row.Locator("[data-field='health'] .badge").First).ToHaveTextAsync(function.Health.Status);
            await Expect(row.Locator("[data-field='objects']")).ToHaveTextAsync(function.ObjectCount.ToString());
        }
        await Expect(page.Locator("#workloads tr[data-source='NetworkFunction/vrouter'] abbr")).ToHaveAttributeAsync("title", "virtual machine network function");

        await page.GetByText("Objects with their health").ClickAsync();
        var vm = functions["vrouter"].Objects.Single(o => o.Kind == "VirtualMachine");
        var vmRow = page.Locator($"#bundle-objects tr[data-object='VirtualMachine/{vm.Namespace}/{vm.Name}']");
        await Expect(vmRow).ToContainTextAsync("NetworkFunction/vrouter");
        await Expect(vmRow.Locator("[data-field='health'] .badge").First).ToHaveTextAsync(vm.Health);
        await tab.ScreenshotAsync("cluster-components");
        var axe = await page.RunAxe();
        Assert.Empty(axe.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help}"));
        tab.AssertNoConsoleErrors();
    }
}

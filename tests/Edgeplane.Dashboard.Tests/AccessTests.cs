using System.Text.RegularExpressions;
using Edgeplane.Dashboard.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Edgeplane.Dashboard.Tests;

/// <summary>Signing in and out, and what a workspace member sees: its workspace, never another's.</summary>
[Collection(DashboardCollection.Name)]
public sealed class AccessTests(DashboardStack stack, Chromium chromium)
{
    [Fact]
    public async Task SignIn_PastedToken_OpensTheAskedPage_AndSignOutForgetsTheToken()
    {
        await using var tab = await DashboardPage.NewAsync(chromium, stack);
        var page = tab.Page;
        await page.GotoAsync("/revisions");
        await Expect(page.Locator("#view h1")).ToHaveTextAsync("Sign in to Edgeplane");
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" })).ToBeHiddenAsync();
        await Expect(page.Locator("#session")).ToBeHiddenAsync(); // no live state or Sign out before signing in

        await page.GetByLabel("API token").FillAsync(stack.AdminToken);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(page.Locator("#view h1")).ToHaveTextAsync("Revisions");
        await Expect(page).ToHaveURLAsync(new Regex("/revisions$"));
        await Expect(page.Locator("#who")).ToContainTextAsync("fleet-admin");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page.Locator("#view h1")).ToHaveTextAsync("Sign in to Edgeplane");
        await Expect(page.Locator("#session")).ToBeHiddenAsync();
        Assert.Null(await page.EvaluateAsync<string?>("sessionStorage.getItem('edgeplane.token')"));
        tab.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task SignIn_UnknownToken_ShowsTheFormWithWhyAndKeepsNoToken()
    {
        await using var tab = await DashboardPage.NewAsync(chromium, stack);
        var page = tab.Page;

        await page.GotoAsync("/?token=ep_00000000_not-a-real-token");

        await Expect(page.Locator("#view h1")).ToHaveTextAsync("Sign in to Edgeplane");
        await Expect(page.Locator(".login [role='alert']")).ToContainTextAsync("The hub refused the API token");
        Assert.DoesNotContain("token=", page.Url, StringComparison.Ordinal);
        Assert.Null(await page.EvaluateAsync<string?>("sessionStorage.getItem('edgeplane.token')"));
    }

    [Fact]
    public async Task RevokedToken_NextCall_ShowsTheSignInFormSayingWhy()
    {
        var viewer = await stack.CreateTokenAsync("viewer");
        await using var tab = await DashboardPage.OpenAsync(chromium, stack, viewer.Token, "/clusters");
        var page = tab.Page;
        using (var api = stack.Api(stack.AdminToken))
        {
            using var revoked = await api.DeleteAsync($"/api/v1/tokens/{viewer.Id}");
            Assert.Equal(System.Net.HttpStatusCode.NoContent, revoked.StatusCode);
        }

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Rollouts" }).ClickAsync();

        await Expect(page.Locator("#view h1")).ToHaveTextAsync("Sign in to Edgeplane");
        await Expect(page.Locator(".login [role='alert']")).ToContainTextAsync("The hub refused the API token");
        await Expect(page.GetByLabel("API token")).ToBeFocusedAsync();
        Assert.Null(await page.EvaluateAsync<string?>("sessionStorage.getItem('edgeplane.token')"));
    }

    [Fact]
    public async Task WorkspaceMember_SeesItsWorkspaceOnly_NeverAnotherWorkspacesApplications()
    {
        var member = (await stack.CreateTokenAsync("workspace-member", "ran")).Token;
        await using var tab = await DashboardPage.OpenAsync(chromium, stack, member, "/workspaces");
        var page = tab.Page;

        await Expect(page.Locator("#workspaces tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("#workspaces tr[data-workspace='ran']")).ToBeVisibleAsync();
        await Expect(page.Locator("#view")).Not.ToContainTextAsync("analytics");
        await Expect(page.Locator("#view")).Not.ToContainTextAsync("trino");

        await page.GetByRole(AriaRole.Link, new() { Name = "ran", Exact = true }).ClickAsync();
        await tab.WaitForViewAsync();
        await Expect(page.Locator("#applications tr[data-application='du']")).ToBeVisibleAsync();
        await Expect(page.Locator("#applications tr[data-application='vrouter']")).ToBeVisibleAsync();
        await Expect(page.Locator("#applications tr[data-application='trino']")).ToHaveCountAsync(0);
        await Expect(page.Locator("#applications tr[data-application='dashboards']")).ToHaveCountAsync(0);

        await tab.GotoAsync("/");
        await Expect(page.Locator("#layers tbody th")).ToHaveTextAsync(["regional", "edge"]);
        await tab.GotoAsync("/clusters/edge-dub-01");
        await Expect(page.Locator("#workloads tr[data-source='NetworkFunction/du']")).ToBeVisibleAsync();
        await Expect(page.Locator("#view")).Not.ToContainTextAsync("trino");

        await tab.GotoAsync("/workspaces/analytics");
        await Expect(page.Locator("#view h1")).ToHaveTextAsync("Not found");
        await tab.GotoAsync("/clusters/aks-us-east");
        await Expect(page.Locator("#view h1")).ToHaveTextAsync("Not found");
        await Expect(page.Locator("#view .problem")).ToContainTextAsync("cluster 'aks-us-east' not found");
    }
}

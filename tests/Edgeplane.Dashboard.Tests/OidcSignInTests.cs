using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Edgeplane.Dashboard.Tests.Support;
using Edgeplane.Hub.Api.Contracts;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Edgeplane.Dashboard.Tests;

/// <summary>
/// Signing in to the dashboard through the hub's OIDC issuer (the authorization code flow with PKCE, docs/oidc.md): the
/// roles the groups give, and every way it can fail (a foreign state, a denial at the issuer, a refused code, a token
/// for another sign-in, a token the hub refuses, expiry) ends on the sign-in page saying why, never in a loop.
/// </summary>
[Collection(OidcCollection.Name)]
public sealed class OidcSignInTests(OidcHub hub, Chromium chromium)
{
    private const string SignInTitle = "Sign in to Edgeplane";
    private const string Removed = "clusters/edge/us-east/pit-01.yaml";

    [Fact]
    public async Task SignIn_ThroughTheIssuer_LandsSignedInWithTheGroupsRole_AndSeesTheFleet()
    {
        await using var tab = await OpenSignInAsync("/");
        var page = tab.Page;
        await tab.ScreenshotAsync("oidc-sign-in");

        await AtIssuerAsync(page);
        var asked = new Uri(page.Url);
        await ApproveAsync(page, "vera@example.com", OidcHub.ViewerGroup);

        await Expect(page.Locator("#view h1")).ToHaveTextAsync("Fleet overview");
        await Expect(page.Locator("#who")).ToHaveTextAsync("user:vera@example.com · viewer");
        await Expect(page.Locator("#live")).ToHaveTextAsync("Live"); // the event stream takes the ID token too
        var fleet = await GetAsync<FleetSummaryResponse>("/api/v1/fleet");
        await Expect(page.Locator("#layers tbody th")).ToHaveTextAsync(fleet.Layers.Select(l => l.Layer));
        await Expect(page.Locator("#layers tr[data-layer='total'] td[data-count='clusters']")).ToHaveTextAsync(fleet.Total.Clusters.ToString());
        Assert.Equal(new Uri(hub.HubUrl, "/").ToString(), page.Url); // no code or state left in the address
        var query = System.Web.HttpUtility.ParseQueryString(asked.Query);
        Assert.Equal(("code", "S256", "edgeplane", "openid email profile groups"),
            (query["response_type"], query["code_challenge_method"], query["client_id"], query["scope"]));
        Assert.Equal(new Uri(hub.HubUrl, "/login/callback").ToString(), query["redirect_uri"]);
        Assert.All(new[] { query["state"], query["nonce"], query["code_challenge"] }, v => Assert.True(v?.Length >= 43, $"'{v}' is not 256 random bits"));
        var token = await page.EvaluateAsync<string>("sessionStorage.getItem('edgeplane.token')");
        Assert.Equal(3, token.Split('.').Length);
        Assert.Null(await page.EvaluateAsync<string?>("sessionStorage.getItem('edgeplane.oidc.pending')"));
        await tab.ScreenshotAsync("oidc-signed-in");
        tab.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task SignIn_AdminGroupSeesTheApproveButton_ViewerGroupDoesNot_OnTheAskedPage()
    {
        var file = Path.Combine(hub.Repo, Removed);
        var text = await File.ReadAllTextAsync(file);
        File.Delete(file);
        var sha = hub.Commit("retire edge-pit-01");
        try
        {
            Assert.Equal(RevisionState.Held, (await hub.WaitForRevisionAsync(sha)).State);
            await using var admin = await OpenSignInAsync($"/revisions/{sha}");
            await using var viewer = await OpenSignInAsync($"/revisions/{sha}");
            await AtIssuerAsync(admin.Page);
            await ApproveAsync(admin.Page, "olga@example.com", OidcHub.AdminGroup);
            await AtIssuerAsync(viewer.Page);
            await ApproveAsync(viewer.Page, "vik@example.com", OidcHub.ViewerGroup);

            await Expect(admin.Page).ToHaveURLAsync(new Regex($"/revisions/{sha}$"));
            await Expect(admin.Page.Locator("#who")).ToHaveTextAsync("user:olga@example.com · fleet-admin");
            await Expect(admin.Page.GetByRole(AriaRole.Button, new() { Name = "Approve revision" })).ToBeVisibleAsync();
            await Expect(viewer.Page).ToHaveURLAsync(new Regex($"/revisions/{sha}$"));
            await Expect(viewer.Page.Locator("#who")).ToHaveTextAsync("user:vik@example.com · viewer");
            await Expect(viewer.Page.Locator(".controls.notice")).ToContainTextAsync("Only a fleet-admin may approve it.");
            await Expect(viewer.Page.Locator("button[data-action]")).ToHaveCountAsync(0);
            admin.AssertNoConsoleErrors();
            viewer.AssertNoConsoleErrors();
        }
        finally
        {
            await File.WriteAllTextAsync(file, text);
            Assert.Equal(RevisionState.Applied, (await hub.WaitForRevisionAsync(hub.Commit("keep edge-pit-01 after all"))).State);
        }
    }

    [Fact]
    public async Task Callback_StateNotTheTabs_RefusedWithoutTradingTheCode()
    {
        await using var tab = await OpenSignInAsync("/clusters");
        var page = tab.Page;
        await AtIssuerAsync(page);
        var exchanges = hub.Provider.Browser.Exchanges;

        await page.GotoAsync("/login/callback?code=stolen-code&state=forged-state");

        await Expect(page.Locator(".login [role='alert']")).ToContainTextAsync("its state does not match");
        await Expect(page).ToHaveURLAsync(new Regex("/clusters$"));
        Assert.Equal(exchanges, hub.Provider.Browser.Exchanges);
        await AssertSignedOutAsync(page);
    }

    [Fact]
    public async Task Callback_NoSignInStartedInTheTab_Refused()
    {
        await using var tab = await DashboardPage.NewAsync(chromium, hub.HubUrl);
        var exchanges = hub.Provider.Browser.Exchanges;

        await tab.Page.GotoAsync("/login/callback?code=planted-code&state=planted-state");

        await Expect(tab.Page.Locator(".login [role='alert']")).ToContainTextAsync("This tab started no sign-in");
        await Expect(tab.Page).ToHaveURLAsync(new Regex("127\\.0\\.0\\.1:\\d+/$"));
        Assert.Equal(exchanges, hub.Provider.Browser.Exchanges);
        await AssertSignedOutAsync(tab.Page);
    }

    [Fact]
    public async Task SignIn_DeniedAtTheIssuer_ShowsWhy_AndDoesNotGoBackToTheIssuer()
    {
        await using var tab = await OpenSignInAsync("/rollouts");
        var page = tab.Page;
        await AtIssuerAsync(page);
        var authorizations = hub.Provider.Browser.Authorizations;

        await page.GetByRole(AriaRole.Button, new() { Name = "Deny" }).ClickAsync();

        await Expect(page.Locator(".login [role='alert']")).ToHaveTextAsync(
            $"{hub.IssuerName} did not sign you in: the sign-in was denied at the issuer (the user denied the request).");
        await tab.ScreenshotAsync("oidc-denied");
        await Expect(page).ToHaveURLAsync(new Regex("/rollouts$"));
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = $"Sign in with {hub.IssuerName}", Exact = true })).ToBeFocusedAsync();
        Assert.Equal(authorizations, hub.Provider.Browser.Authorizations);
        await AssertSignedOutAsync(page);
        tab.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task SignIn_IssuerRefusesToTradeTheCode_ShowsWhy()
    {
        hub.Provider.Browser.TokenError = "invalid_grant";
        try
        {
            await AssertSignInRefusedAsync("tara@example.com", OidcHub.ViewerGroup,
                "refused to trade the sign-in code for a token: invalid_grant (test provider says invalid_grant)");
        }
        finally
        {
            hub.Provider.Browser.TokenError = null;
        }
    }

    [Fact]
    public async Task SignIn_IdTokenWithAnotherNonce_RefusedInTheBrowser()
    {
        hub.Provider.Browser.EditIdToken = claims => claims["nonce"] = "the-nonce-of-another-sign-in";
        try
        {
            await AssertSignInRefusedAsync("nina@example.com", OidcHub.AdminGroup, "its nonce is not the one this tab sent");
        }
        finally
        {
            hub.Provider.Browser.EditIdToken = null;
        }
    }

    [Fact]
    public async Task SignIn_IdTokenTheHubRefuses_ShowsTheHubsReason()
    {
        // no username: the hub refuses the token (fail closed), and says which claim
        await AssertSignInRefusedAsync("", OidcHub.AdminGroup, $"The hub refused your sign-in through {hub.IssuerName} (the token has no 'email' claim, or it is empty");
    }

    [Fact]
    public async Task SignedIn_IdTokenExpires_BackToTheSignInPageSayingSo_AndNoNewSignInStarts()
    {
        await using var tab = await DashboardPage.NewAsync(chromium, hub.HubUrl);
        var page = tab.Page;
        await page.Clock.InstallAsync();
        await page.GotoAsync("/clusters");
        await AtIssuerAsync(page);
        await ApproveAsync(page, "eve@example.com", OidcHub.ViewerGroup);
        await Expect(page.Locator("#view h1")).ToHaveTextAsync("Clusters");
        var authorizations = hub.Provider.Browser.Authorizations;

        await page.Clock.FastForwardAsync("01:00:01"); // the test issuer's ID tokens live an hour

        await Expect(page.Locator(".login [role='alert']")).ToContainTextAsync($"Your sign-in through {hub.IssuerName} expired at");
        await AssertSignedOutAsync(page);
        await page.ReloadAsync();
        await Expect(page.Locator("#view h1")).ToHaveTextAsync(SignInTitle);
        Assert.Equal(authorizations, hub.Provider.Browser.Authorizations);
        tab.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task SignOut_ForgetsTheIdToken_AndAReloadStaysSignedOut()
    {
        await using var tab = await OpenSignInAsync("/audit");
        var page = tab.Page;
        await AtIssuerAsync(page);
        await ApproveAsync(page, "sam@example.com", OidcHub.AdminGroup);
        await Expect(page.Locator("#who")).ToHaveTextAsync("user:sam@example.com · fleet-admin");
        var authorizations = hub.Provider.Browser.Authorizations;

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        await Expect(page.Locator(".login [role='alert']")).ToHaveTextAsync("Signed out.");
        await AssertSignedOutAsync(page);
        await page.ReloadAsync();
        await Expect(page.Locator("#view h1")).ToHaveTextAsync(SignInTitle);
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" })).ToBeHiddenAsync();
        Assert.Equal(authorizations, hub.Provider.Browser.Authorizations);
        tab.AssertNoConsoleErrors();
    }

    [Theory]
    [InlineData(ColorScheme.Light)]
    [InlineData(ColorScheme.Dark)]
    public async Task SignInPage_IssuerAndTokenWithAMessage_AxeFindsNothingSerious(ColorScheme scheme)
    {
        await using var tab = await DashboardPage.NewAsync(chromium, hub.HubUrl, scheme);
        await tab.Page.GotoAsync("/login/callback?code=planted-code&state=planted-state");
        await Expect(tab.Page.Locator(".login [role='alert']")).ToBeVisibleAsync();

        var result = await tab.Page.RunAxe();

        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious.Select(v =>
            $"{v.Impact} {v.Id}: {v.Help} at {string.Join(", ", v.Nodes.Take(5).Select(n => n.Target?.ToString()))}")));
    }

    /// <summary>A new tab at <paramref name="path"/>, on the sign-in page that offers the issuer.</summary>
    private async Task<DashboardPage> OpenSignInAsync(string path)
    {
        var tab = await DashboardPage.NewAsync(chromium, hub.HubUrl);
        await tab.Page.GotoAsync(path);
        await Expect(tab.Page.Locator("#view h1")).ToHaveTextAsync(SignInTitle);
        return tab;
    }

    /// <summary>"Sign in with …", then waits for the issuer's sign-in form.</summary>
    private async Task AtIssuerAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = $"Sign in with {hub.IssuerName}", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in to the test issuer" })).ToBeVisibleAsync();
    }

    private static async Task ApproveAsync(IPage page, string email, string groups)
    {
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Groups").FillAsync(groups);
        await page.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
    }

    /// <summary>Signs in at the issuer as <paramref name="email"/>; the sign-in page must then say <paramref name="why"/>, keeping nothing.</summary>
    private async Task AssertSignInRefusedAsync(string email, string group, string why)
    {
        await using var tab = await OpenSignInAsync("/");
        await AtIssuerAsync(tab.Page);
        await ApproveAsync(tab.Page, email, group);

        await Expect(tab.Page.Locator(".login [role='alert']")).ToContainTextAsync(why);
        await AssertSignedOutAsync(tab.Page);
    }

    /// <summary>The sign-in page, with no token, no OIDC session and no sign-in under way kept in the tab.</summary>
    private static async Task AssertSignedOutAsync(IPage page)
    {
        await Expect(page.Locator("#view h1")).ToHaveTextAsync(SignInTitle);
        Assert.DoesNotContain("code=", page.Url, StringComparison.Ordinal);
        foreach (var key in new[] { "edgeplane.token", "edgeplane.token.oidc", "edgeplane.oidc.pending" })
        {
            Assert.Null(await page.EvaluateAsync<string?>($"sessionStorage.getItem('{key}')"));
        }
    }

    private async Task<T> GetAsync<T>(string path)
    {
        using var api = hub.Api(hub.AdminToken);
        return (await api.GetFromJsonAsync<T>(path, DashboardStack.Json))!;
    }
}

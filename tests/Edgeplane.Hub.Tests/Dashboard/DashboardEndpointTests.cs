using System.Net;
using System.Net.Http.Headers;
using Edgeplane.Hub.Dashboard;
using Edgeplane.Hub.Tests.Auth;
using Edgeplane.Hub.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Edgeplane.Hub.Tests.Dashboard;

/// <summary>
/// How the hub serves the dashboard: the page at / and at every view's URL, its files under /assets with ETags, the
/// security headers, and never a page where the API or a JSON client expects an answer. A stand-in page embedded in this
/// test assembly (Dashboard/testassets) keeps these tests independent of the real page's content.
/// </summary>
public sealed class DashboardEndpointTests
{
    private static readonly DashboardAssets TestAssets = new(typeof(DashboardEndpointTests).Assembly);

    [Fact]
    public async Task Root_ServesThePage_WithItsSecurityHeaders_WithoutAToken()
    {
        await using var scenario = await StartAsync();

        using var response = await scenario.Host.Anonymous.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TestAssets.Index!.Content, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(DashboardEndpoints.ContentSecurityPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains("frame-ancestors 'none'", DashboardEndpoints.ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.Contains("; connect-src 'self'; ", DashboardEndpoints.ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task Page_WithOidc_MayAlsoCallTheIssuersOrigin_AndNothingElseChanges()
    {
        await using var provider = await TestOidcProvider.StartAsync();
        await using var hub = await OidcHubHost.StartAsync(provider);
        using var browser = new HttpClient { BaseAddress = hub.BaseAddress };
        var origin = new Uri(provider.Issuer).GetLeftPart(UriPartial.Authority);

        foreach (var path in new[] { "/", "/login/callback", "/assets/app.js" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Accept.ParseAdd("text/html");
            using var response = await browser.SendAsync(request);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var policy = response.Headers.GetValues("Content-Security-Policy").Single();
            Assert.Contains($"; connect-src 'self' {origin}; ", policy, StringComparison.Ordinal);
            Assert.Equal(DashboardEndpoints.ContentSecurityPolicy, policy.Replace($" {origin}", "", StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("https://dex.example.com/dex", "https://dex.example.com")]
    [InlineData("https://DEX.example.com:8443/dex/", "https://dex.example.com:8443")]
    [InlineData("https://dex.example.com:443/", "https://dex.example.com")]
    [InlineData("http://127.0.0.1:5556/dex", "http://127.0.0.1:5556")]
    [InlineData("http://[::1]:5556/dex", "http://[::1]:5556")]
    [InlineData("https://bücher.example/realms/ops", "https://xn--bcher-kva.example")]
    public void ContentSecurityPolicyFor_Issuer_AddsItsOriginToConnectSrc(string issuer, string origin)
    {
        var policy = DashboardEndpoints.ContentSecurityPolicyFor(new OidcOptions { Issuer = issuer, Audience = "edgeplane" });

        Assert.Contains($"; connect-src 'self' {origin}; ", policy, StringComparison.Ordinal);
        Assert.Equal(DashboardEndpoints.ContentSecurityPolicy, DashboardEndpoints.ContentSecurityPolicyFor(null));
    }

    [Theory]
    [InlineData("/clusters/edge-site-1")]
    [InlineData("/rollouts/3")]
    [InlineData("/audit")]
    public async Task ViewUrl_ABrowserAsksForHtml_GetsThePage_SoItCanBeBookmarked(string path)
    {
        await using var scenario = await StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");

        using var response = await scenario.Host.Anonymous.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(TestAssets.Index!.Content, await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("/api/v1/nothing-here", "*/*")]
    [InlineData("/api/v1/nothing-here", "text/html")]
    [InlineData("/clusters/edge-site-1", "application/json")]
    [InlineData("/metricsx", "text/html")]
    public async Task ApiPathOrJsonClient_Gets404Problem_NeverThePage(string path, string accept)
    {
        await using var scenario = await StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd(accept);

        using var response = await scenario.Host.Anonymous.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("test page", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Asset_ServedWithItsMediaTypeAndETag_And304WhenUnchanged()
    {
        await using var scenario = await StartAsync();

        using var first = await scenario.Host.Anonymous.GetAsync("/assets/app.js");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("text/javascript", first.Content.Headers.ContentType?.MediaType);
        Assert.Contains("test-app", await first.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var etag = first.Headers.ETag!;

        using var again = new HttpRequestMessage(HttpMethod.Get, "/assets/app.js");
        again.Headers.IfNoneMatch.Add(etag);
        using var second = await scenario.Host.Anonymous.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);

        using var stale = new HttpRequestMessage(HttpMethod.Get, "/assets/app.js");
        stale.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"something-else\""));
        using var third = await scenario.Host.Anonymous.SendAsync(stale);
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
    }

    [Theory]
    [InlineData("/assets/missing.js")]
    [InlineData("/assets/index.html")]
    [InlineData("/assets/")]
    public async Task MissingAsset_404_ThePageIsNotAnAsset(string path)
    {
        await using var scenario = await StartAsync();

        using var response = await scenario.Host.Anonymous.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task ThePageIsPublic_TheApiBehindItIsNot()
    {
        await using var scenario = await StartAsync();

        using var api = await scenario.Host.Anonymous.GetAsync("/api/v1/fleet");

        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }

    [Fact]
    public void TheHubAssembly_EmbedsThePage_WithNoCdnReference()
    {
        var assets = new DashboardAssets();

        var index = assets.Index;
        Assert.NotNull(index);
        Assert.Equal("text/html; charset=utf-8", index.MediaType);
        foreach (var path in assets.Paths)
        {
            var text = System.Text.Encoding.UTF8.GetString(assets.Find(path)!.Content);
            Assert.DoesNotMatch(@"https?://(cdn|unpkg|fonts\.googleapis|cdnjs)", text);
        }
    }

    /// <summary>The page asks for every module at once (modulepreload), so a module added later must be listed too.</summary>
    [Fact]
    public void ThePage_PreloadsEveryModuleItShips()
    {
        var assets = new DashboardAssets();
        var index = System.Text.Encoding.UTF8.GetString(assets.Index!.Content);

        var preloaded = System.Text.RegularExpressions.Regex.Matches(index, "<link rel=\"modulepreload\" href=\"/assets/([^\"]+)\">")
            .Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal).ToList();
        var modules = assets.Paths.Where(p => p.EndsWith(".js", StringComparison.Ordinal) && p != "assets/app.js")
            .Select(p => p["assets/".Length..]).Order(StringComparer.Ordinal).ToList();

        Assert.NotEmpty(modules);
        Assert.Equal(modules, preloaded);
    }

    private static Task<HubScenario> StartAsync() =>
        HubScenario.StartAsync(StoreKind.Sqlite, services: s => s.AddSingleton(TestAssets));
}

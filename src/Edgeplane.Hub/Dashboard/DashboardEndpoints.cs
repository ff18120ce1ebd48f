using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Edgeplane.Hub.Dashboard;

/// <summary>
/// Serves the web dashboard on the API listener (docs/dashboard.md): its files at <c>/assets/…</c>, and its one page at
/// <c>/</c> and at every other GET path outside the API that asks for HTML, so each view's URL (<c>/clusters/edge-dub-01</c>)
/// can be bookmarked and reloaded. The files hold no data: they are served to anyone; everything they show comes from
/// the REST API with the caller's token, under the API's RBAC.
/// </summary>
internal static class DashboardEndpoints
{
    /// <summary>
    /// The page's Content-Security-Policy without OIDC: its own files only, no inline script or style, no frames, API calls
    /// to this origin only.
    /// </summary>
    public const string ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
        ConnectSelf + "; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private const string ConnectSelf = "connect-src 'self'";

    /// <summary>
    /// The policy for a hub with <paramref name="oidc"/>: as <see cref="ContentSecurityPolicy"/>, and the browser may also
    /// call the issuer's origin, and only it (its discovery document and token endpoint: docs/oidc.md). The sign-in
    /// itself is a top-level navigation to the issuer, which the policy does not restrict.
    /// </summary>
    public static string ContentSecurityPolicyFor(OidcOptions? oidc) =>
        oidc is null ? ContentSecurityPolicy : ContentSecurityPolicy.Replace(ConnectSelf, $"{ConnectSelf} {Origin(oidc.Issuer)}", StringComparison.Ordinal);

    /// <summary>scheme://host[:port] of a validated issuer URL, the host in its ASCII (punycode) form.</summary>
    internal static string Origin(string issuer)
    {
        var uri = new Uri(issuer, UriKind.Absolute);
        var host = uri.HostNameType == UriHostNameType.IPv6 ? $"[{uri.IdnHost.Trim('[', ']')}]" : uri.IdnHost;
        return uri.IsDefaultPort ? $"{uri.Scheme}://{host}" : $"{uri.Scheme}://{host}:{uri.Port}";
    }

    /// <summary>Paths the page never answers: the API's and the hub's own.</summary>
    private static readonly string[] Reserved = ["/api/", "/assets/", "/metrics", "/healthz", "/readyz", "/openapi/"];

    public static void MapDashboard(this WebApplication app)
    {
        var assets = app.Services.GetRequiredService<DashboardAssets>();
        var policy = ContentSecurityPolicyFor(app.Services.GetRequiredService<HubOptions>().Oidc);
        app.MapMethods("/assets/{**path}", [HttpMethods.Get, HttpMethods.Head], (HttpContext context, string? path) =>
                ServeAsset(context, path is null ? null : assets.Find("assets/" + path), policy))
            .AllowAnonymous().ExcludeFromDescription();
        app.MapMethods("/", [HttpMethods.Get, HttpMethods.Head], (HttpContext context) => ServePage(context, assets, policy))
            .AllowAnonymous().ExcludeFromDescription();
        app.MapMethods("/{**route}", [HttpMethods.Get, HttpMethods.Head], (HttpContext context) => ServePage(context, assets, policy))
            .AllowAnonymous().ExcludeFromDescription().WithOrder(int.MaxValue);
    }

    private static IResult ServePage(HttpContext context, DashboardAssets assets, string policy)
    {
        var path = context.Request.Path.Value ?? "/";
        if (Reserved.Any(r => path.StartsWith(r, StringComparison.OrdinalIgnoreCase)) || !AcceptsHtml(context.Request))
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found", detail: $"no resource at {path}");
        }
        return ServeAsset(context, assets.Index, policy);
    }

    private static IResult ServeAsset(HttpContext context, DashboardAsset? asset, string policy)
    {
        if (asset is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found", detail: $"no resource at {context.Request.Path}");
        }
        var headers = context.Response.Headers;
        headers[HeaderNames.ContentSecurityPolicy] = policy;
        headers[HeaderNames.XContentTypeOptions] = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers[HeaderNames.XFrameOptions] = "DENY";
        // Revalidate every time (cheap with the ETag): a hub upgraded in place never serves yesterday's script.
        headers[HeaderNames.CacheControl] = "no-cache";
        headers[HeaderNames.ETag] = asset.ETag;
        if (context.Request.Headers.IfNoneMatch is { Count: > 0 } match && Matches(match, asset.ETag))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }
        return Results.Bytes(asset.Content, asset.MediaType);
    }

    private static bool Matches(StringValues ifNoneMatch, string etag) =>
        ifNoneMatch.SelectMany(v => (v ?? "").Split(',')).Select(v => v.Trim()).Any(v => v == "*" || v == etag || v == "W/" + etag);

    /// <summary>A browser navigating asks for text/html; an API client or a script asking for JSON gets a 404, not a page.</summary>
    private static bool AcceptsHtml(HttpRequest request)
    {
        var accept = request.Headers.Accept.ToString();
        return accept.Length == 0 || accept.Contains("text/html", StringComparison.OrdinalIgnoreCase) || accept.Contains("*/*", StringComparison.Ordinal);
    }
}

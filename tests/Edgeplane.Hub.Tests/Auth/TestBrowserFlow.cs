using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.Tokens;

namespace Edgeplane.Hub.Tests.Auth;

/// <summary>
/// The provider's side of the authorization code flow with PKCE for a browser public client (RFC 6749 §4.1, RFC 7636,
/// OpenID Connect Core §3.1): <c>GET {issuer}/auth</c> checks the request and shows a sign-in form (email, groups,
/// Approve or Deny); posting it redirects back to the client with a one-time code, or with <c>error=access_denied</c>;
/// the token endpoint trades a code for an ID token carrying the request's nonce once the verifier matches. Calls from
/// <see cref="AllowedOrigins"/> get CORS headers, as Dex's <c>web.allowedOrigins</c> gives them.
/// </summary>
internal sealed class TestBrowserFlow
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Grant> _codes = new(StringComparer.Ordinal);
    private int _authorizations;
    private int _exchanges;

    /// <summary>The redirect URIs registered for the client; a request for another one gets an error page, never a redirect.</summary>
    public HashSet<string> RedirectUris { get; } = new(StringComparer.Ordinal);

    /// <summary>Origins whose scripts may read the discovery document and call the token endpoint.</summary>
    public HashSet<string> AllowedOrigins { get; } = new(StringComparer.Ordinal);

    /// <summary>While set, the token endpoint refuses every code with this OAuth error.</summary>
    public string? TokenError { get; set; }

    /// <summary>Changes the claims of the ID tokens the token endpoint issues (e.g. a wrong nonce, a past exp).</summary>
    public Action<Dictionary<string, object>>? EditIdToken { get; set; }

    /// <summary>How many sign-in requests reached the authorization endpoint.</summary>
    public int Authorizations => Volatile.Read(ref _authorizations);

    /// <summary>How many codes the token endpoint was asked to trade.</summary>
    public int Exchanges => Volatile.Read(ref _exchanges);

    internal IResult Authorize(HttpRequest request, string issuer)
    {
        Interlocked.Increment(ref _authorizations);
        var query = request.Query;
        var redirect = query["redirect_uri"].ToString();
        if (query["client_id"] != TestOidcProvider.Audience || !RedirectUris.Contains(redirect))
        {
            return Results.Content($"unknown client '{query["client_id"]}' or unregistered redirect_uri '{redirect}'", "text/plain", statusCode: 400);
        }
        var problem = query["response_type"] != "code" ? "response_type must be code"
            : query["code_challenge_method"] != "S256" || string.IsNullOrEmpty(query["code_challenge"]) ? "PKCE with S256 is required"
            : !query["scope"].ToString().Split(' ').Contains("openid") ? "the scope must include openid"
            : string.IsNullOrEmpty(query["state"]) || string.IsNullOrEmpty(query["nonce"]) ? "state and nonce are required"
            : null;
        if (problem is not null)
        {
            return Results.Redirect(Answer(redirect, ("error", "invalid_request"), ("error_description", problem), ("state", query["state"].ToString())));
        }
        var hidden = string.Concat(new[] { "redirect_uri", "state", "nonce", "code_challenge", "client_id" }
            .Select(n => $"<input type=\"hidden\" name=\"{n}\" value=\"{WebUtility.HtmlEncode(query[n].ToString())}\">"));
        return Results.Content($"""
            <!doctype html><html lang="en"><head><title>Test issuer</title></head><body><h1>Sign in to the test issuer</h1>
            <form method="post" action="{issuer}/auth">{hidden}
            <label>Email <input name="email" value="ana@example.com"></label>
            <label>Groups <input name="groups" value=""></label>
            <button name="decision" value="approve">Approve</button><button name="decision" value="deny">Deny</button>
            </form></body></html>
            """, "text/html");
    }

    internal async Task<IResult> DecideAsync(HttpRequest request, string issuer)
    {
        var form = await request.ReadFormAsync();
        var redirect = form["redirect_uri"].ToString();
        if (!RedirectUris.Contains(redirect))
        {
            return Results.Content($"unregistered redirect_uri '{redirect}'", "text/plain", statusCode: 400);
        }
        var state = form["state"].ToString();
        if (form["decision"] != "approve")
        {
            return Results.Redirect(Answer(redirect, ("error", "access_denied"), ("error_description", "the user denied the request"), ("state", state)));
        }
        var code = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(24));
        var groups = form["groups"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lock (_gate)
        {
            _codes[code] = new Grant(form["client_id"].ToString(), redirect, form["code_challenge"].ToString(), form["nonce"].ToString(),
                form["email"].ToString(), groups);
        }
        return Results.Redirect(Answer(redirect, ("code", code), ("state", state), ("iss", issuer)));
    }

    /// <summary>The authorization_code grant: one use per code, same client and redirect, and the verifier must hash to the challenge.</summary>
    internal IResult Token(IFormCollection form, TestOidcProvider provider)
    {
        Interlocked.Increment(ref _exchanges);
        Grant? grant;
        lock (_gate)
        {
            _codes.Remove(form["code"].ToString(), out grant);
        }
        var verifier = form["code_verifier"].ToString();
        if (TokenError is { } error)
        {
            return Error(error, $"test provider says {error}");
        }
        if (grant is null || grant.ClientId != form["client_id"] || grant.RedirectUri != form["redirect_uri"])
        {
            return Error("invalid_grant", "unknown or used code, or another client or redirect_uri");
        }
        if (Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))) != grant.Challenge)
        {
            return Error("invalid_grant", "the code_verifier does not match the code_challenge");
        }
        var idToken = provider.Mint(grant.Email, grant.Groups, claims =>
        {
            claims["nonce"] = grant.Nonce;
            EditIdToken?.Invoke(claims);
        });
        return Results.Json(new { access_token = "opaque-access", token_type = "bearer", expires_in = 3600, id_token = idToken });
    }

    /// <summary>CORS for the allowed origins: simple requests get the header, preflights a 204.</summary>
    internal async Task CorsAsync(HttpContext context, Func<Task> next)
    {
        var origin = context.Request.Headers.Origin.ToString();
        if (origin.Length > 0 && AllowedOrigins.Contains(origin))
        {
            context.Response.Headers.AccessControlAllowOrigin = origin;
            context.Response.Headers.Vary = "Origin";
            if (HttpMethods.IsOptions(context.Request.Method))
            {
                context.Response.Headers.AccessControlAllowMethods = "GET, POST";
                context.Response.Headers.AccessControlAllowHeaders = "Accept, Content-Type";
                context.Response.StatusCode = StatusCodes.Status204NoContent;
                return;
            }
        }
        await next();
    }

    private static string Answer(string redirect, params (string Name, string Value)[] parameters) =>
        redirect + (redirect.Contains('?', StringComparison.Ordinal) ? "&" : "?")
        + string.Join("&", parameters.Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value)}"));

    private static IResult Error(string error, string description) => Results.Json(new { error, error_description = description }, statusCode: 400);

    private sealed record Grant(string ClientId, string RedirectUri, string Challenge, string Nonce, string Email, string[] Groups);
}

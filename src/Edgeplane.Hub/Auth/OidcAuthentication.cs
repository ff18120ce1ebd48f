using System.Net;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Edgeplane.Hub.Auth;

/// <summary>
/// Registers OIDC JWT bearer authentication beside the API-token scheme: a policy scheme (<see cref="SelectorScheme"/>)
/// sends <c>Bearer ep_…</c> and anything that is not a bearer token to <see cref="ApiTokenAuthenticationHandler"/>, and
/// every other bearer token to JwtBearer (<see cref="JwtScheme"/>).
/// </summary>
internal static class OidcAuthentication
{
    public const string SelectorScheme = "Bearer";
    public const string JwtScheme = "Oidc";

    /// <summary>Largest JWT read (16 KiB); larger ones are refused unread.</summary>
    public const int MaxTokenBytes = 16 * 1024;

    /// <summary>The signature algorithms accepted: asymmetric only (never <c>none</c>, never an HMAC).</summary>
    public static readonly IReadOnlyList<string> Algorithms =
    [
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
    ];

    public static string MetadataAddress(string issuer) => issuer.TrimEnd('/') + "/.well-known/openid-configuration";

    public static bool IsLoopback(string issuer) =>
        Uri.TryCreate(issuer, UriKind.Absolute, out var uri)
        && (uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip)));

    /// <summary>Adds the selector and JwtBearer schemes; the default scheme must be <see cref="SelectorScheme"/>.</summary>
    public static void AddOidc(this AuthenticationBuilder builder, OidcOptions oidc)
    {
        OidcOptionsValidator.Validate(oidc);
        builder.Services.AddSingleton(oidc);
        builder.Services.AddSingleton(sp => new OidcKeySource(oidc, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<OidcKeySource>>()));
        builder.Services.AddSingleton<OidcJwtEvents>();
        builder.AddPolicyScheme(SelectorScheme, "API token or OIDC JWT", o => o.ForwardDefaultSelector = Select);
        builder.AddJwtBearer(JwtScheme, _ => { });
        builder.Services.AddOptions<JwtBearerOptions>(JwtScheme)
            .Configure<OidcKeySource>((options, keys) => Configure(options, oidc, keys));
    }

    /// <summary>The exact validation every OIDC token goes through (token lifetimes are checked against the system clock).</summary>
    public static TokenValidationParameters ValidationParameters(OidcOptions oidc) => new()
    {
        ValidateIssuer = true,
        ValidIssuer = oidc.Issuer,
        ValidateAudience = true,
        ValidAudience = oidc.Audience,
        RequireAudience = true,
        ValidateLifetime = true,
        RequireExpirationTime = true,
        ClockSkew = oidc.ClockSkew,
        RequireSignedTokens = true,
        ValidateIssuerSigningKey = true,
        TryAllIssuerSigningKeys = false,
        ValidAlgorithms = [.. Algorithms],
        ValidateTokenReplay = false,
        NameClaimType = oidc.UsernameClaim,
        RoleClaimType = oidc.GroupsClaim,
    };

    private static void Configure(JwtBearerOptions options, OidcOptions oidc, OidcKeySource keys)
    {
        options.ConfigurationManager = keys;
        options.RequireHttpsMetadata = !IsLoopback(oidc.Issuer);
        options.RefreshOnIssuerKeyNotFound = true;
        options.MapInboundClaims = false;
        options.SaveToken = false;
        options.TokenValidationParameters = ValidationParameters(oidc);
        options.TokenHandlers.Clear();
        options.TokenHandlers.Add(new JsonWebTokenHandler { MapInboundClaims = false, MaximumTokenSizeInBytes = MaxTokenBytes });
        options.EventsType = typeof(OidcJwtEvents);
    }

    private static string Select(HttpContext context)
    {
        string? header = context.Request.Headers.Authorization;
        const string bearer = "Bearer ";
        return header is not null && header.StartsWith(bearer, StringComparison.OrdinalIgnoreCase)
            && !header.AsSpan(bearer.Length).TrimStart().StartsWith(ApiTokens.Prefix, StringComparison.Ordinal)
            ? JwtScheme
            : ApiTokenAuthenticationHandler.SchemeName;
    }
}

namespace Edgeplane.Hub.Api.Contracts;

/// <summary>
/// How a browser may sign in to this hub: with an API token always, and through <see cref="Oidc"/> when the hub takes an
/// OpenID Connect issuer's tokens (null otherwise). Public values only: what any sign-in page shows.
/// </summary>
public sealed record AuthConfigResponse(OidcConfigResponse? Oidc);

/// <summary>
/// The issuer (exactly as the hub checks <c>iss</c>), the public client the dashboard signs in as (the hub's audience, so
/// its ID tokens are the hub's bearer tokens) and the scopes it asks for.
/// </summary>
public sealed record OidcConfigResponse(string Issuer, string ClientId, IReadOnlyList<string> Scopes);

namespace Edgeplane.Hub;

/// <summary>
/// OpenID Connect for the REST API: JWTs an issuer signed are accepted beside the hub's <c>ep_…</c> API tokens. The
/// caller becomes <c>user:&lt;username claim&gt;</c>; its roles come from the workspaces' <c>members</c>
/// (<c>user:…</c> and <c>group:…</c>) and from <see cref="AdminGroups"/> and <see cref="ViewerGroups"/>.
/// </summary>
public sealed record OidcOptions
{
    /// <summary>
    /// The issuer URL, exactly as the tokens' <c>iss</c> and the discovery document's <c>issuer</c> spell it
    /// (<c>{issuer}/.well-known/openid-configuration</c> is read for the keys). https, or http on a loopback address.
    /// </summary>
    public required string Issuer { get; init; }

    /// <summary>The audience a token must carry in <c>aud</c>: the client id the CLI logs in with (e.g. <c>edgeplane</c>).</summary>
    public required string Audience { get; init; }

    /// <summary>The claim that names the user (default <c>email</c>); a token without it, or with it empty, is refused.</summary>
    public string UsernameClaim { get; init; } = "email";

    /// <summary>The claim that lists the user's groups (default <c>groups</c>); absent means no groups.</summary>
    public string GroupsClaim { get; init; } = "groups";

    /// <summary>Groups whose members are fleet-admins, whatever the workspaces say (default none).</summary>
    public IReadOnlyList<string> AdminGroups { get; init; } = [];

    /// <summary>Groups whose members are fleet-wide viewers (default none).</summary>
    public IReadOnlyList<string> ViewerGroups { get; init; } = [];

    /// <summary>
    /// The scopes the dashboard asks the issuer for when a person signs in in the browser (default <c>openid email profile
    /// groups</c>, Dex's names); must include <c>openid</c>. An issuer without a <c>groups</c> scope (Keycloak, Entra ID)
    /// needs its own list. The CLI's device flow asks for its own.
    /// </summary>
    public IReadOnlyList<string> Scopes { get; init; } = ["openid", "email", "profile", "groups"];

    /// <summary>How far <c>exp</c> and <c>nbf</c> may be off the hub's clock (default 60 s; at most 5 min).</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long the issuer's discovery document and keys are kept before they are read again (default 1 h).</summary>
    public TimeSpan KeysRefreshInterval { get; init; } = TimeSpan.FromHours(1);

    /// <summary>
    /// The shortest time between two early reads of the keys, made when a token names a key (<c>kid</c>) the hub does not
    /// know: a rotated key is picked up at once, and unknown <c>kid</c>s cannot make the hub hammer the issuer (default 1 min).
    /// </summary>
    public TimeSpan KeysMinimumRefreshInterval { get; init; } = TimeSpan.FromMinutes(1);
}

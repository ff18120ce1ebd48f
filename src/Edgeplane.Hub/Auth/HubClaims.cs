namespace Edgeplane.Hub.Auth;

/// <summary>
/// The claims every authenticated hub principal carries, whatever authenticated it (an API token or an OIDC JWT):
/// <see cref="System.Security.Claims.ClaimTypes.Name"/> is the subject (<c>user:ana@example.com</c>, <c>token:admin</c>),
/// one <see cref="System.Security.Claims.ClaimTypes.Role"/> per role held anywhere, and one <see cref="Grant"/> claim per
/// role and scope (<see cref="HubGrant"/>). Authorisation reads only these.
/// </summary>
internal static class HubClaims
{
    /// <summary>A role and its scope: <c>fleet-admin</c>, <c>viewer</c>, or <c>workspace-member:ran</c> (see <see cref="HubGrant"/>).</summary>
    public const string Grant = "edgeplane:grant";

    /// <summary>The API token's public id, when a token authenticated the call.</summary>
    public const string TokenId = "edgeplane:token_id";

    /// <summary>How the caller authenticated: <c>token</c> or <c>oidc</c>.</summary>
    public const string Method = "edgeplane:auth";

    /// <summary>The OIDC issuer's <c>sub</c>, when a JWT authenticated the call.</summary>
    public const string OidcSubject = "edgeplane:oidc_sub";
}

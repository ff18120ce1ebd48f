using System.Globalization;
using System.Security.Claims;

namespace Edgeplane.Hub.Auth;

/// <summary>
/// Turns a validated JWT's claims into the hub's principal (see <see cref="HubClaims"/>): <c>user:&lt;username&gt;</c>,
/// method <c>oidc</c>, the <c>sub</c>, and the grants of the user and its groups. Fails closed: a token whose username
/// or subject is missing, empty or not one plain string gives no principal at all (Flux Operator CVE-2026-23990: an
/// empty OIDC user must never become "no restriction").
/// </summary>
internal static class OidcPrincipalFactory
{
    /// <summary>Longest username or group name accepted (256 characters).</summary>
    public const int MaxNameLength = 256;

    public static async Task<ClaimsPrincipal> CreateAsync(ClaimsPrincipal token, OidcOptions oidc, IWorkspaceDirectory? directory,
        CancellationToken cancellationToken)
    {
        var username = Single(token, oidc.UsernameClaim);
        var subject = Single(token, "sub");
        if (oidc.UsernameClaim == "email" && token.FindFirst("email_verified") is { } verified
            && !string.Equals(verified.Value, "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new OidcTokenException("the token's email is not verified (email_verified is false)");
        }
        var groups = token.FindAll(oidc.GroupsClaim).Select(c => c.Value).Where(g => g.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var subjects = new List<string> { $"user:{username}" };
        subjects.AddRange(groups.Select(g => $"group:{g}"));
        var grants = new List<HubGrant>();
        if (directory is not null)
        {
            grants.AddRange(await directory.GrantsForAsync(subjects, cancellationToken).ConfigureAwait(false));
        }
        if (groups.Any(oidc.AdminGroups.Contains))
        {
            grants.Add(new HubGrant(HubRoles.FleetAdmin, null));
        }
        if (groups.Any(oidc.ViewerGroups.Contains))
        {
            grants.Add(new HubGrant(HubRoles.Viewer, null));
        }
        Claim[] identity = [new(ClaimTypes.Name, subjects[0]), new(HubClaims.Method, "oidc"), new(HubClaims.OidcSubject, subject)];
        return new ClaimsPrincipal(new ClaimsIdentity(identity.Concat(HubGrant.Claims(grants)), OidcAuthentication.JwtScheme,
            ClaimTypes.Name, ClaimTypes.Role));
    }

    private static string Single(ClaimsPrincipal token, string claim)
    {
        var values = token.FindAll(claim).Select(c => c.Value).ToList();
        if (values.Count != 1 || string.IsNullOrWhiteSpace(values[0]))
        {
            throw new OidcTokenException(values.Count > 1
                ? $"the token's '{claim}' claim has {values.Count} values; it must be one string"
                : $"the token has no '{claim}' claim, or it is empty: the hub cannot tell who the caller is");
        }
        var value = values[0];
        if (value.Length > MaxNameLength || value != value.Trim() || value.Any(IsControlOrFormat))
        {
            throw new OidcTokenException(
                $"the token's '{claim}' claim is longer than {MaxNameLength} characters, has surrounding spaces, or control or invisible characters");
        }
        return value;
    }

    private static bool IsControlOrFormat(char c) =>
        char.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format;
}

using System.Security.Claims;

namespace Edgeplane.Hub.Auth;

/// <summary>
/// One role a caller holds and where: fleet-wide when <paramref name="Workspace"/> is null (<c>fleet-admin</c>,
/// <c>viewer</c>), else inside that workspace (<c>workspace-admin:ran</c>, <c>workspace-member:ran</c>, <c>viewer:ran</c>).
/// </summary>
internal readonly record struct HubGrant(string Role, string? Workspace)
{
    /// <summary>The claim value: <c>role</c> or <c>role:workspace</c>.</summary>
    public override string ToString() => Workspace is null ? Role : $"{Role}:{Workspace}";

    /// <summary>Reads a claim value written by <see cref="ToString"/>.</summary>
    public static HubGrant Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? new HubGrant(value, null) : new HubGrant(value[..colon], value[(colon + 1)..]);
    }

    /// <summary>Every grant a principal carries.</summary>
    public static IReadOnlyList<HubGrant> Of(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return [.. principal.FindAll(HubClaims.Grant).Select(c => Parse(c.Value))];
    }

    /// <summary>The claims that carry these grants: one <see cref="HubClaims.Grant"/> each and one role claim per distinct role.</summary>
    public static IEnumerable<Claim> Claims(IEnumerable<HubGrant> grants)
    {
        var list = grants.Distinct().ToList();
        return list.Select(g => new Claim(HubClaims.Grant, g.ToString()))
            .Concat(list.Select(g => g.Role).Distinct(StringComparer.Ordinal).Select(r => new Claim(ClaimTypes.Role, r)));
    }
}

using Microsoft.AspNetCore.Authorization;

namespace Edgeplane.Hub.Auth;

/// <summary>
/// The named authorisation policies; every endpoint names one (or is anonymous on purpose). They read only the caller's
/// grants (<see cref="HubGrant"/>); what a workspace-scoped caller sees inside an endpoint is narrowed by
/// <see cref="CallerScope"/>.
/// </summary>
internal static class HubPolicies
{
    /// <summary>Any role anywhere: fleet-admin, viewer (fleet-wide or of a workspace), workspace-admin, workspace-member.</summary>
    public const string Read = "Read";

    /// <summary>Fleet-wide changes: fleet-admin only.</summary>
    public const string FleetAdmin = HubRoles.FleetAdminPolicy;

    /// <summary>Managing API tokens: fleet-admin, or workspace-admin (for its workspace's tokens; the endpoint checks the scope).</summary>
    public const string TokenAdmin = "TokenAdmin";

    /// <summary>Adds the policies, and makes any endpoint without one need an authenticated caller.</summary>
    public static AuthorizationBuilder AddHubPolicies(this AuthorizationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Read, p => p.RequireAuthenticatedUser().RequireAssertion(c => HubGrant.Of(c.User).Count > 0))
            .AddPolicy(FleetAdmin, p => p.RequireAuthenticatedUser().RequireAssertion(c => CallerScope.Of(c.User).IsFleetAdmin))
            .AddPolicy(TokenAdmin, p => p.RequireAuthenticatedUser().RequireAssertion(c =>
                CallerScope.Of(c.User) is { } scope && (scope.IsFleetAdmin || scope.AdminOf.Count > 0)));
    }
}

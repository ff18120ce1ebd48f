using Edgeplane.Hub.Auth;

namespace Edgeplane.Hub.Tests.Auth;

/// <summary>
/// Every endpoint of the hub's API listener with its rule, and a request that reaches it. A new endpoint fails
/// <see cref="AuthorizationMatrixTests.EveryEndpoint_HasARuleInTheMatrix"/> until it gets a row here. This table is the one
/// docs/api.md shows.
/// </summary>
internal static class AuthorizationMatrix
{
    /// <summary>Who a rule lets in; "none" is a call without a token.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Allowed = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["anonymous"] = ["none", "viewer", "viewer:ran", "workspace-member:ran", "workspace-admin:ran", "fleet-admin"],
        [HubPolicies.Read] = ["viewer", "viewer:ran", "workspace-member:ran", "workspace-admin:ran", "fleet-admin"],
        [HubPolicies.TokenAdmin] = ["workspace-admin:ran", "fleet-admin"],
        [HubPolicies.FleetAdmin] = ["fleet-admin"],
    };

    public static readonly string[] Callers = ["none", "viewer", "viewer:ran", "workspace-member:ran", "workspace-admin:ran", "fleet-admin"];

    /// <summary>"METHOD pattern" → rule and a request (path, JSON body); {sha} is replaced by the first applied revision.</summary>
    public static readonly IReadOnlyDictionary<string, (string Rule, string Path, string? Body)> Endpoints =
        new Dictionary<string, (string, string, string?)>(StringComparer.Ordinal)
        {
            ["GET /healthz"] = ("anonymous", "/healthz", null),
            ["GET /readyz"] = ("anonymous", "/readyz", null),
            ["GET /metrics"] = ("anonymous", "/metrics", null),
            ["POST /api/v1/webhooks/{provider}"] = ("anonymous", "/api/v1/webhooks/none", "{}"),
            ["GET /openapi/{documentName}.json"] = (HubPolicies.Read, "/openapi/v1.json", null),
            ["GET /api/v1/fleet"] = (HubPolicies.Read, "/api/v1/fleet", null),
            ["GET /api/v1/fleet/map"] = (HubPolicies.Read, "/api/v1/fleet/map", null),
            ["GET /api/v1/clusters"] = (HubPolicies.Read, "/api/v1/clusters", null),
            ["GET /api/v1/clusters/{name}"] = (HubPolicies.Read, "/api/v1/clusters/edge-site-1", null),
            ["GET /api/v1/revisions"] = (HubPolicies.Read, "/api/v1/revisions", null),
            ["GET /api/v1/revisions/{sha}"] = (HubPolicies.Read, "/api/v1/revisions/{sha}", null),
            ["GET /api/v1/revisions/{sha}/diff"] = (HubPolicies.Read, "/api/v1/revisions/{sha}/diff", null),
            ["GET /api/v1/bundles/{digest}"] = (HubPolicies.Read, "/api/v1/bundles/sha256:00", null),
            ["GET /api/v1/rollouts"] = (HubPolicies.Read, "/api/v1/rollouts", null),
            ["GET /api/v1/rollouts/{id:long}"] = (HubPolicies.Read, "/api/v1/rollouts/999", null),
            ["GET /api/v1/audit"] = (HubPolicies.Read, "/api/v1/audit", null),
            ["GET /api/v1/events"] = (HubPolicies.Read, "/api/v1/events", null),
            ["GET /api/v1/whoami"] = (HubPolicies.Read, "/api/v1/whoami", null),
            // What the sign-in page needs before anyone signs in: the OIDC issuer, public client id and scopes, or none.
            ["GET /api/v1/auth/config"] = ("anonymous", "/api/v1/auth/config", null),
            ["GET /api/v1/workspaces"] = (HubPolicies.Read, "/api/v1/workspaces", null),
            ["GET /api/v1/workspaces/{name}"] = (HubPolicies.Read, "/api/v1/workspaces/ran", null),
            // The dashboard's files and page: no data in them (docs/dashboard.md); what they show comes from the API.
            ["GET /"] = ("anonymous", "/", null),
            ["HEAD /"] = ("anonymous", "/", null),
            ["GET /assets/{**path}"] = ("anonymous", "/assets/none.js", null),
            ["HEAD /assets/{**path}"] = ("anonymous", "/assets/none.js", null),
            ["GET /{**route}"] = ("anonymous", "/clusters/edge-site-1", null),
            ["HEAD /{**route}"] = ("anonymous", "/clusters/edge-site-1", null),
            ["POST /api/v1/tokens"] = (HubPolicies.TokenAdmin, "/api/v1/tokens",
                """{"subject":"user:m@example.com","role":"workspace-member","workspace":"ran","ttl":"1h"}"""),
            ["GET /api/v1/tokens"] = (HubPolicies.TokenAdmin, "/api/v1/tokens", null),
            ["DELETE /api/v1/tokens/{id}"] = (HubPolicies.TokenAdmin, "/api/v1/tokens/0000dead", null),
            ["POST /api/v1/tokens/rotate-admin"] = (HubPolicies.FleetAdmin, "/api/v1/tokens/rotate-admin", null),
            ["POST /api/v1/revisions/{sha}/approve"] = (HubPolicies.FleetAdmin, "/api/v1/revisions/{sha}/approve", null),
            ["POST /api/v1/rollouts/{id:long}/pause"] = (HubPolicies.FleetAdmin, "/api/v1/rollouts/999/pause", null),
            ["POST /api/v1/rollouts/{id:long}/resume"] = (HubPolicies.FleetAdmin, "/api/v1/rollouts/999/resume", null),
            ["POST /api/v1/rollouts/{id:long}/abort"] = (HubPolicies.FleetAdmin, "/api/v1/rollouts/999/abort", null),
            ["POST /api/v1/rollouts/{id:long}/promote"] = (HubPolicies.FleetAdmin, "/api/v1/rollouts/999/promote", null),
            ["POST /api/v1/clusters/{name}/tokens"] = (HubPolicies.FleetAdmin, "/api/v1/clusters/edge-site-1/tokens", "{}"),
            ["POST /api/v1/clusters/{name}/revoke"] = (HubPolicies.FleetAdmin, "/api/v1/clusters/edge-site-1/revoke", "{}"),
        };
}

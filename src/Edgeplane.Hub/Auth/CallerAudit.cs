using Edgeplane.Hub.Store;
using Microsoft.AspNetCore.Http;

namespace Edgeplane.Hub.Auth;

/// <summary>The audit actor of an API call: the caller's subject, the credential that proved it and its address.</summary>
internal static class CallerAudit
{
    public static AuditActor Actor(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var user = context.User;
        var credential = user.FindFirst(HubClaims.TokenId) is { } token ? $"token:{token.Value}"
            : user.FindFirst(HubClaims.OidcSubject) is { } sub ? $"oidc:{sub.Value}"
            : null;
        return new AuditActor(user.Identity?.Name ?? "anonymous", credential, context.Connection.RemoteIpAddress?.ToString());
    }
}

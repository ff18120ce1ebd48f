using Edgeplane.Hub.Store;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;

namespace Edgeplane.Hub.Auth;

/// <summary>
/// Records every change an authenticated caller tried and was not allowed (a 403 on POST, PUT, PATCH or DELETE) in the
/// audit log as <c>api.denied</c>, then answers as usual. Unauthenticated calls (401) are not written: anyone could fill
/// the table with them.
/// </summary>
internal sealed class DeniedCallAuditor(IAuditStore audit) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(authorizeResult);
        if (authorizeResult.Forbidden && !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            await audit.AppendAsync(context.Actor(), "api.denied", $"{context.Request.Method} {context.Request.Path}", "Denied",
                "the caller's role may not do this", context.RequestAborted).ConfigureAwait(false);
        }
        await _default.HandleAsync(next, context, policy, authorizeResult).ConfigureAwait(false);
    }
}

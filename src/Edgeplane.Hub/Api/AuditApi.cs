using System.Globalization;
using System.Security.Claims;
using Edgeplane.Hub.Api.Contracts;
using Edgeplane.Hub.Auth;
using Edgeplane.Hub.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Edgeplane.Hub.Api;

/// <summary>
/// <c>GET /api/v1/audit</c>: the audit log, newest first, filtered by <c>since</c>, <c>until</c> (RFC 3339),
/// <c>subject</c>, <c>workspace</c>, <c>action</c> (a dotted prefix) and <c>target</c>. A caller confined to workspaces
/// sees only the entries filed under them.
/// </summary>
internal static class AuditApi
{
    /// <summary>Longest filter value accepted.</summary>
    private const int MaxFilter = 256;

    public static RouteGroupBuilder MapAuditApi(this RouteGroupBuilder api)
    {
        api.MapGet("/audit", ListAsync).WithName("ListAudit").WithTags("Audit");
        return api;
    }

    private static async Task<Results<Ok<PageResponse<AuditEntryResponse>>, ProblemHttpResult>> ListAsync(
        ClaimsPrincipal user, IAuditStore store, HubOptions options, CancellationToken cancellationToken,
        int? limit = null, [FromQuery(Name = "continue")] string? continueToken = null,
        string? since = null, string? until = null, string? subject = null, string? workspace = null, string? action = null, string? target = null)
    {
        if (!TryTime("since", since, out var from, out var error) || !TryTime("until", until, out var to, out error)
            || !TryText(out error, ("subject", subject), ("workspace", workspace), ("action", action), ("target", target)))
        {
            return ApiProblems.BadRequest(error);
        }
        var query = new AuditQuery
        {
            Since = from,
            Until = to,
            Subject = subject,
            Workspace = workspace,
            Action = action,
            Target = target,
            VisibleWorkspaces = CallerScope.Of(user).Narrowing,
        };
        return await Paging.ListAsync(limit, continueToken, options.Limits,
            (size, token) => store.ListAuditAsync(query, size, token, cancellationToken), a => a.ToResponse()).ConfigureAwait(false);
    }

    private static bool TryTime(string name, string? text, out DateTime? value, out string error)
    {
        value = null;
        error = "";
        if (text is null)
        {
            return true;
        }
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            error = $"{name} must be an RFC 3339 time such as 2026-12-07T10:00:00Z, got \"{Clip(text)}\"";
            return false;
        }
        value = parsed.UtcDateTime;
        return true;
    }

    private static bool TryText(out string error, params (string Name, string? Value)[] filters)
    {
        error = "";
        foreach (var (name, value) in filters)
        {
            if (value is not null && (value.Length == 0 || value.Length > MaxFilter))
            {
                error = $"{name} must be 1 to {MaxFilter} characters long, got {value.Length}";
                return false;
            }
        }
        return true;
    }

    private static string Clip(string text) => text.Length <= 64 ? text : text[..64] + "…";
}

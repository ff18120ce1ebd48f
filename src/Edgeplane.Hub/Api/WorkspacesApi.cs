using System.Security.Claims;
using Edgeplane.Hub.Api.Contracts;
using Edgeplane.Hub.Auth;
using Edgeplane.Hub.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Edgeplane.Hub.Api;

/// <summary>
/// <c>/api/v1/workspaces</c>: the workspace directory of the last applied revision. A workspace-scoped caller sees only
/// its own workspaces (another answers 404, as if it did not exist).
/// </summary>
internal static class WorkspacesApi
{
    public static RouteGroupBuilder MapWorkspacesApi(this RouteGroupBuilder api)
    {
        api.MapGet("/workspaces", ListAsync).WithName("ListWorkspaces").WithTags("Workspaces").RequireAuthorization(HubPolicies.Read);
        api.MapGet("/workspaces/{name}", GetAsync).WithName("GetWorkspace").WithTags("Workspaces").RequireAuthorization(HubPolicies.Read);
        return api;
    }

    private static async Task<Ok<PageResponse<WorkspaceResponse>>> ListAsync(
        ClaimsPrincipal user, IWorkspaceStore store, CancellationToken cancellationToken)
    {
        var workspaces = await store.ListAsync(CallerScope.Of(user).Narrowing, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new PageResponse<WorkspaceResponse>(workspaces.Select(ToResponse).ToList(), null));
    }

    private static async Task<Results<Ok<WorkspaceResponse>, ProblemHttpResult>> GetAsync(
        string name, ClaimsPrincipal user, IWorkspaceStore store, CancellationToken cancellationToken)
    {
        var scope = CallerScope.Of(user).Narrowing;
        var found = scope is null || scope.Contains(name, StringComparer.Ordinal)
            ? (await store.ListAsync([name], cancellationToken).ConfigureAwait(false)).SingleOrDefault()
            : null;
        return found is null ? ApiProblems.NotFound($"workspace '{name}' not found") : TypedResults.Ok(ToResponse(found));
    }

    private static WorkspaceResponse ToResponse(WorkspaceView w) => new(
        w.Name, w.Revision,
        w.Members.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => new WorkspaceMemberResponse(m.Key, m.Value)).ToList(),
        w.Namespaces, w.Clusters,
        w.Workloads.Select(l => new WorkloadResponse(l.Kind, l.Name, l.Namespace, l.Clusters)).ToList());
}

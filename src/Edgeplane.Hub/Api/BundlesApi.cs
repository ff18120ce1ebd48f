using System.Security.Claims;
using System.Text;
using Edgeplane.Hub.Auth;
using Edgeplane.Hub.Pipeline;
using Edgeplane.Hub.Store;
using Edgeplane.Model.Yaml;
using Edgeplane.Protocol.Bundles;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Edgeplane.Hub.Api;

/// <summary>
/// <c>GET /api/v1/bundles/{digest}</c>: a stored bundle. JSON is the canonical bytes exactly as digested;
/// YAML is the same objects as a multi-document stream. Chosen by <c>?format=json|yaml</c> or the Accept header.
/// </summary>
internal static class BundlesApi
{
    public static RouteGroupBuilder MapBundlesApi(this RouteGroupBuilder api)
    {
        api.MapGet("/bundles/{digest}", GetAsync).WithName("GetBundle").WithTags("Bundles").RequireAuthorization(HubPolicies.Read)
            .Produces(StatusCodes.Status200OK, contentType: "application/json", additionalContentTypes: ["application/yaml"]);
        return api;
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetAsync(
        string digest, HttpRequest request, ClaimsPrincipal user, IBundleStore store, IWorkspaceStore workspaces,
        CancellationToken cancellationToken, string? format = null)
    {
        var yaml = format switch
        {
            "yaml" => true,
            "json" => false,
            null => request.Headers.Accept.Any(a => a is not null && (a.Contains("yaml", StringComparison.OrdinalIgnoreCase))),
            _ => (bool?)null,
        };
        if (yaml is null)
        {
            return ApiProblems.BadRequest($"format must be 'json' or 'yaml', got '{format}'");
        }
        var bundle = await store.GetBundleAsync(digest, cancellationToken).ConfigureAwait(false);
        if (bundle is null || (CallerScope.Of(user).Narrowing is { } scope
            && !await workspaces.BundleReachesAsync(bundle.Digest, scope, cancellationToken).ConfigureAwait(false)))
        {
            return ApiProblems.NotFound($"bundle '{digest}' not found");
        }
        var canonical = BundleCodec.DecompressStored(bundle.Encoding, bundle.Data, bundle.Size);
        if (yaml == false)
        {
            return TypedResults.Bytes(canonical, "application/json");
        }
        var text = YamlWriter.Write(BundleDocument.Parse(canonical).Objects);
        return TypedResults.Bytes(Encoding.UTF8.GetBytes(text), "application/yaml");
    }
}

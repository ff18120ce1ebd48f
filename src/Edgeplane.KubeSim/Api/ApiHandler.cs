using Edgeplane.KubeSim.Authorization;
using Edgeplane.KubeSim.Catalog;
using Edgeplane.KubeSim.Clusters;
using Edgeplane.KubeSim.Discovery;
using Edgeplane.KubeSim.Json;
using Edgeplane.KubeSim.OpenApi;
using Microsoft.AspNetCore.Http;

namespace Edgeplane.KubeSim.Api;

/// <summary>
/// Answers one Kubernetes API request for one virtual cluster: discovery, OpenAPI, health and resources. A request that
/// impersonates a user (<see cref="Impersonation"/>) is authorised by RBAC before its resource is looked at, as
/// kube-apiserver's filters do; discovery, OpenAPI, /version and health stay open to it (the bootstrap
/// <c>system:discovery</c> and <c>system:public-info-viewer</c> bindings every real cluster has).
/// </summary>
internal sealed partial class ApiHandler(KubeSimRuntime runtime)
{
    public async Task HandleAsync(HttpContext context, VirtualCluster cluster, string path)
    {
        try
        {
            var route = ApiPath.Parse(path) ?? throw ApiException.RouteNotFound(path);
            var user = Impersonation.FromHeaders(context.Request.Headers);
            if (route.Kind == RouteKind.Resource)
            {
                await HandleResourceAsync(context, cluster, route, user);
                return;
            }
            if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
            {
                throw ApiException.MethodNotAllowed($"the server does not allow this method on the requested resource ({context.Request.Method} {path})");
            }
            await HandleDocumentAsync(context, cluster, route, path);
        }
        catch (ApiException error) when (!context.Response.HasStarted)
        {
            await Responses.WriteErrorAsync(context, error);
        }
    }

    private static Task HandleDocumentAsync(HttpContext context, VirtualCluster cluster, ApiPath route, string path)
    {
        var catalog = cluster.Catalog;
        var address = $"{context.Request.Host}";
        byte[]? body = route.Kind switch
        {
            RouteKind.Version => JsonUtil.ToBytes(cluster.Version.ToJson()),
            RouteKind.Health => "ok"u8.ToArray(),
            RouteKind.CoreGroup => JsonUtil.ToBytes(DiscoveryDocuments.CoreVersions(address)),
            RouteKind.GroupList => catalog.Document("apis", c => JsonUtil.ToBytes(DiscoveryDocuments.GroupList(c))),
            RouteKind.Group => DiscoveryDocuments.Group(catalog, route.Group) is { } g ? JsonUtil.ToBytes(g) : null,
            RouteKind.CoreVersion or RouteKind.GroupVersion => catalog.Document($"rl:{route.Group}/{route.Version}",
                c => DiscoveryDocuments.ResourceList(c, route.Group, route.Version) is { } doc ? JsonUtil.ToBytes(doc) : []),
            RouteKind.OpenApiV3Index => catalog.Document("openapi", c => JsonUtil.ToBytes(OpenApiDocuments.Index(c))),
            RouteKind.OpenApiV3Document => catalog.Document($"openapi:{route.Group}/{route.Version}",
                c => OpenApiDocuments.Document(c, GroupVersion(route)) is { } doc ? JsonUtil.ToBytes(doc) : []),
            _ => null,
        };
        if (body is null || body.Length == 0)
        {
            throw ApiException.RouteNotFound(path);
        }
        if (route.Kind == RouteKind.Health)
        {
            context.Response.ContentType = "text/plain";
            return context.Response.Body.WriteAsync(body).AsTask();
        }
        return Responses.WriteAsync(context, 200, body);
    }

    private static string GroupVersion(ApiPath route) => route.Group.Length == 0 ? route.Version : $"{route.Group}/{route.Version}";

    private static ResourceType ResolveType(VirtualCluster cluster, ApiPath route, string path)
    {
        var type = cluster.Catalog.Find(route.Group, route.Version, route.Resource!) ?? throw ApiException.RouteNotFound(path);
        if (route.Subresource is not null && !(route.Subresource == "status" && type.HasStatus))
        {
            throw ApiException.RouteNotFound(path);
        }
        if (!type.Namespaced && route.Namespace is not null)
        {
            throw ApiException.RouteNotFound(path);
        }
        return type;
    }
}

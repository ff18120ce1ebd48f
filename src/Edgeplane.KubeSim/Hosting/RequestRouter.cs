using Edgeplane.KubeSim.Admin;
using Edgeplane.KubeSim.Api;
using Edgeplane.KubeSim.Clusters;
using Microsoft.AspNetCore.Http;

namespace Edgeplane.KubeSim.Hosting;

/// <summary>Splits requests between the admin endpoint (<c>/_sim</c>) and the virtual clusters (<c>/clusters/{name}/…</c>), applying request faults.</summary>
internal sealed class RequestRouter(ClusterRegistry registry, ApiHandler api, AdminApi admin)
{
    private const string ClustersPrefix = "/clusters/";

    public async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        if (path.StartsWith(AdminApi.Prefix, StringComparison.Ordinal))
        {
            await admin.HandleAsync(context, path[AdminApi.Prefix.Length..]);
            return;
        }
        if (!path.StartsWith(ClustersPrefix, StringComparison.Ordinal))
        {
            await Responses.WriteErrorAsync(context, ApiException.RouteNotFound(path));
            return;
        }
        var rest = path[ClustersPrefix.Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var name = slash < 0 ? rest : rest[..slash];
        var cluster = registry.Get(name);
        if (cluster is null)
        {
            await Responses.WriteErrorAsync(context, new ApiException(404, "NotFound", $"cluster \"{name}\" not found"));
            return;
        }
        var fault = cluster.Faults.TakeRequestFault();
        if (fault.IsUnreachable)
        {
            context.Abort();
            return;
        }
        if (!fault.IsNone)
        {
            await Responses.WriteErrorAsync(context, Fault(fault));
            return;
        }
        await api.HandleAsync(context, cluster, slash < 0 ? "/" : rest[slash..]);
    }

    private static ApiException Fault(Faults.RequestFault fault) => fault.StatusCode switch
    {
        429 => ApiException.TooManyRequests(fault.RetryAfterSeconds),
        503 => new ApiException(503, "ServiceUnavailable", "the server is currently unable to handle the request (injected by KubeSim)"),
        var code => new ApiException(code, "InternalError", "an error on the server (\"injected by KubeSim\") has prevented the request from succeeding"),
    };
}

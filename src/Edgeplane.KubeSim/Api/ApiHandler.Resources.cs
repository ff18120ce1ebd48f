using System.Text;
using System.Text.Json.Nodes;
using Edgeplane.ApiMachinery.Labels;
using Edgeplane.KubeSim.Authorization;
using Edgeplane.KubeSim.Catalog;
using Edgeplane.KubeSim.Clusters;
using Edgeplane.KubeSim.Json;
using Edgeplane.KubeSim.Selectors;
using Edgeplane.KubeSim.Watch;
using Microsoft.AspNetCore.Http;

namespace Edgeplane.KubeSim.Api;

internal sealed partial class ApiHandler
{
    private async Task HandleResourceAsync(HttpContext context, VirtualCluster cluster, ApiPath route, RequestUser? user)
    {
        var path = context.Request.Path.Value ?? string.Empty;
        var query = new QueryOptions(context);
        var method = context.Request.Method;
        if (user is not null)
        {
            Authorize(cluster, route, method, query, user);
        }
        var type = ResolveType(cluster, route, path);
        var target = new ObjectTarget(type, type.Namespaced ? route.Namespace : null, route.Name, route.Subresource);
        var limit = runtime.Options.MaxRequestBodyBytes;
        if (HttpMethods.IsGet(method))
        {
            await GetAsync(context, cluster, route, target, query);
            return;
        }
        WriteOptions Write(bool apply) => query.Write(apply) with { User = user };
        var result = (method, route.Name) switch
        {
            ("POST", null) => cluster.Create(target, await RequestBody.ReadObjectAsync(context, limit), Write(apply: false)),
            ("PUT", not null) => cluster.Update(target, await RequestBody.ReadObjectAsync(context, limit), Write(apply: false)),
            ("PATCH", not null) => await PatchAsync(context, cluster, target, query, limit, user),
            ("DELETE", not null) => cluster.Delete(target, await DeleteOptionsAsync(context, query, limit)),
            ("DELETE", null) => cluster.DeleteCollection(type, Filter(target, query), await DeleteOptionsAsync(context, query, limit)),
            _ => throw ApiException.MethodNotAllowed($"the server does not allow this method on the requested resource ({method} {path})"),
        };
        await Responses.WriteAsync(context, result.StatusCode, result.Body, result.Warnings);
    }

    private static async Task<WriteResult> PatchAsync(HttpContext context, VirtualCluster cluster, ObjectTarget target, QueryOptions query, long limit,
        RequestUser? user)
    {
        var (kind, patch) = await RequestBody.ReadPatchAsync(context, limit, target.Type.IsCustom);
        return cluster.Patch(target, kind, patch, query.Write(apply: kind == PatchKind.Apply) with { User = user });
    }

    /// <summary>RBAC for an impersonated resource request, before the resource is resolved (an unknown one is a 403 first, as upstream).</summary>
    private static void Authorize(VirtualCluster cluster, ApiPath route, string method, QueryOptions query, RequestUser user)
    {
        var watch = route.WatchPrefix || query.Flag("watch");
        var attributes = ResourceAttributes.ForRequest(method, watch, query["fieldSelector"], route.Group, route.Resource!,
            route.Subresource, route.Namespace, route.Name);
        if (attributes is not null)
        {
            RbacAuthorizer.Require(cluster, user, attributes);
        }
    }

    private async Task GetAsync(HttpContext context, VirtualCluster cluster, ApiPath route, ObjectTarget target, QueryOptions query)
    {
        var watch = route.WatchPrefix || query.Flag("watch");
        if (watch)
        {
            var filter = Filter(target with { Name = null }, query);
            if (target.Name is not null)
            {
                filter = filter with { Fields = FieldSelector.Parse($"metadata.name={target.Name}") };
            }
            await WatchAsync(context, cluster, target.Type, filter, query);
            return;
        }
        var asTable = context.Request.Headers.Accept.ToString().Contains("as=Table", StringComparison.Ordinal);
        if (target.Name is not null)
        {
            var obj = cluster.Get(target);
            var body = cluster.Present(target.Type, obj.Json);
            await Responses.WriteAsync(context, 200, asTable ? TableWriter.Render(target.Type, [body], obj.ResourceVersion, null, runtime.Time) : body);
            return;
        }
        var limit = Math.Min(query.Int("limit", 0), runtime.Options.MaxListLimit);
        var page = cluster.List(Filter(target, query), limit, query["continue"]);
        var items = page.Items.Select(i => cluster.Present(target.Type, i.Json)).ToList();
        var bytes = asTable
            ? TableWriter.Render(target.Type, items, page.ResourceVersion, page.Continue, runtime.Time)
            : ListBody(target.Type, items, page);
        await Responses.WriteAsync(context, 200, bytes);
    }

    private static WatchFilter Filter(ObjectTarget target, QueryOptions query)
    {
        try
        {
            return new WatchFilter(target.Type.Key, target.Type.Namespaced, target.Namespace,
                LabelSelector.Parse(query["labelSelector"]), FieldSelector.Parse(query["fieldSelector"]));
        }
        catch (FormatException ex)
        {
            throw ApiException.BadRequest(ex.Message);
        }
    }

    private static byte[] ListBody(ResourceType type, List<byte[]> items, ListPage page)
    {
        var meta = new JsonObject { ["resourceVersion"] = ContinueToken.Rv(page.ResourceVersion) };
        if (page.Continue is not null)
        {
            meta["continue"] = page.Continue;
            meta["remainingItemCount"] = page.RemainingItemCount;
        }
        var head = Encoding.UTF8.GetBytes(
            $"{{\"kind\":\"{type.ListKind}\",\"apiVersion\":\"{type.GroupVersion}\",\"metadata\":{meta.ToJsonString()},\"items\":[");
        using var buffer = new MemoryStream(head.Length + items.Sum(i => i.Length + 1) + 2);
        buffer.Write(head);
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0)
            {
                buffer.WriteByte((byte)',');
            }
            buffer.Write(items[i]);
        }
        buffer.Write("]}"u8);
        return buffer.ToArray();
    }

    private static async Task<DeleteOptions> DeleteOptionsAsync(HttpContext context, QueryOptions query, long limit)
    {
        JsonObject? body = null;
        if (context.Request.ContentLength > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            body = await RequestBody.ReadObjectAsync(context, limit);
        }
        var dryRun = query.DryRun || body?["dryRun"] is JsonArray dr && dr.Any(d => d?.ToString() == "All");
        return new DeleteOptions(dryRun, query["propagationPolicy"] ?? body.Str("propagationPolicy"),
            body?["preconditions"].Str("uid"), body?["preconditions"].Str("resourceVersion"));
    }
}

namespace Edgeplane.KubeSim.Api;

/// <summary>
/// A parsed Kubernetes API path, following kube-apiserver's RequestInfoFactory: <c>/api/v1/namespaces/{ns}/{resource}/{name}/{sub}</c>,
/// <c>/apis/{group}/{version}/…</c>, the legacy <c>/watch/</c> prefix, and <c>namespaces/{name}/status|finalize</c>.
/// </summary>
internal sealed record ApiPath(RouteKind Kind, string Group = "", string Version = "", string? Namespace = null,
    string? Resource = null, string? Name = null, string? Subresource = null, bool WatchPrefix = false)
{
    private static readonly HashSet<string> NamespaceSubresources = ["status", "finalize"];

    public static ApiPath? Parse(string path)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
        {
            return null;
        }
        return parts[0] switch
        {
            "version" when parts.Length == 1 => new ApiPath(RouteKind.Version),
            "healthz" or "readyz" or "livez" => new ApiPath(RouteKind.Health),
            "openapi" => OpenApi(parts),
            "api" => Core(parts),
            "apis" => Named(parts),
            _ => null,
        };
    }

    private static ApiPath? OpenApi(string[] parts) => parts switch
    {
        ["openapi", "v2"] => new ApiPath(RouteKind.OpenApiV2),
        ["openapi", "v3"] => new ApiPath(RouteKind.OpenApiV3Index),
        ["openapi", "v3", "api", var v] => new ApiPath(RouteKind.OpenApiV3Document, "", v),
        ["openapi", "v3", "apis", var g, var v] => new ApiPath(RouteKind.OpenApiV3Document, g, v),
        _ => null,
    };

    private static ApiPath? Core(string[] parts) => parts.Length switch
    {
        1 => new ApiPath(RouteKind.CoreGroup),
        2 => new ApiPath(RouteKind.CoreVersion, "", parts[1]),
        _ => ResourcePath("", parts[1], parts[2..]),
    };

    private static ApiPath? Named(string[] parts) => parts.Length switch
    {
        1 => new ApiPath(RouteKind.GroupList),
        2 => new ApiPath(RouteKind.Group, parts[1]),
        3 => new ApiPath(RouteKind.GroupVersion, parts[1], parts[2]),
        _ => ResourcePath(parts[1], parts[2], parts[3..]),
    };

    private static ApiPath? ResourcePath(string group, string version, string[] rest)
    {
        var watch = rest[0] == "watch";
        if (watch)
        {
            rest = rest[1..];
        }
        string? ns = null;
        if (rest.Length > 1 && rest[0] == "namespaces")
        {
            ns = rest[1];
            if (rest.Length > 2 && !NamespaceSubresources.Contains(rest[2]))
            {
                rest = rest[2..];
            }
            else
            {
                ns = null;
            }
        }
        return rest.Length switch
        {
            0 => null,
            > 3 => null,
            _ => new ApiPath(RouteKind.Resource, group, version, ns, rest[0], rest.ElementAtOrDefault(1), rest.ElementAtOrDefault(2), watch),
        };
    }
}

namespace Edgeplane.KubeSim.Api;

/// <summary>What a path under <c>/clusters/{name}</c> asks for.</summary>
internal enum RouteKind
{
    Version,
    Health,
    CoreGroup,
    GroupList,
    CoreVersion,
    Group,
    GroupVersion,
    OpenApiV3Index,
    OpenApiV3Document,
    OpenApiV2,
    Resource,
}

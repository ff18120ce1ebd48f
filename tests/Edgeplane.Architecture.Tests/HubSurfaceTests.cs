using System.Reflection;

namespace Edgeplane.Architecture.Tests;

/// <summary>
/// The hub's public surface is its facade: the host entry point and its options, and the REST API's contracts (what
/// <c>edgeplane up</c>, the CLI commands and a dashboard may use). Everything else (stores, EF entities, services) is
/// internal, so no caller reaches inside. A new public type fails here until it is added on purpose.
/// </summary>
public sealed class HubSurfaceTests
{
    private static readonly string[] Facade =
    [
        "Edgeplane.Hub.HubApplication",
        "Edgeplane.Hub.HubOptions",
        "Edgeplane.Hub.HubLimits",
        "Edgeplane.Hub.GatewayOptions",
        "Edgeplane.Hub.RepoCredentials",
        "Edgeplane.Hub.RolloutOptions",
        "Edgeplane.Hub.AuditOptions",
        "Edgeplane.Hub.OidcOptions",
        "Edgeplane.Hub.Api.Contracts.AgentConnectionResponse",
        "Edgeplane.Hub.Api.Contracts.AgentStatusDetails",
        "Edgeplane.Hub.Api.Contracts.FleetMapItem",
        "Edgeplane.Hub.Api.Contracts.ApiTokenResponse",
        "Edgeplane.Hub.Api.Contracts.CallerAbilities",
        "Edgeplane.Hub.Api.Contracts.GrantResponse",
        "Edgeplane.Hub.Api.Contracts.WhoAmIResponse",
        "Edgeplane.Hub.Api.Contracts.WorkloadResponse",
        "Edgeplane.Hub.Api.Contracts.WorkspaceMemberResponse",
        "Edgeplane.Hub.Api.Contracts.WorkspaceResponse",
        "Edgeplane.Hub.Api.Contracts.AuditEntryResponse",
        "Edgeplane.Hub.Api.Contracts.AuthConfigResponse",
        "Edgeplane.Hub.Api.Contracts.OidcConfigResponse",
        "Edgeplane.Hub.Api.Contracts.BootstrapTokenResponse",
        "Edgeplane.Hub.Api.Contracts.BundleSummaryResponse",
        "Edgeplane.Hub.Api.Contracts.ChangeSetCounts",
        "Edgeplane.Hub.Api.Contracts.ClusterComponentResponse",
        "Edgeplane.Hub.Api.Contracts.ClusterCondition",
        "Edgeplane.Hub.Api.Contracts.ComponentHealthResponse",
        "Edgeplane.Hub.Api.Contracts.ComponentObjectResponse",
        "Edgeplane.Hub.Api.Contracts.ClusterDetailResponse",
        "Edgeplane.Hub.Api.Contracts.ClusterResponse",
        "Edgeplane.Hub.Api.Contracts.ClusterStatusResponse",
        "Edgeplane.Hub.Api.Contracts.CreateApiTokenRequest",
        "Edgeplane.Hub.Api.Contracts.CreatedApiTokenResponse",
        "Edgeplane.Hub.Api.Contracts.CreateTokenRequest",
        "Edgeplane.Hub.Api.Contracts.DigestRef",
        "Edgeplane.Hub.Api.Contracts.DriftDetail",
        "Edgeplane.Hub.Api.Contracts.FleetSummaryResponse",
        "Edgeplane.Hub.Api.Contracts.LayerSummary",
        "Edgeplane.Hub.Api.Contracts.LifecycleResponse",
        "Edgeplane.Hub.Api.Contracts.ObjectHealthEntry",
        "Edgeplane.Hub.Api.Contracts.ObjectHealthSummaryResponse",
        "Edgeplane.Hub.Api.Contracts.ObjectRef",
        "Edgeplane.Hub.Api.Contracts.PageResponse`1",
        "Edgeplane.Hub.Api.Contracts.ProvisioningResponse",
        "Edgeplane.Hub.Api.Contracts.RevisionErrorResponse",
        "Edgeplane.Hub.Api.Contracts.ClusterDiffResponse",
        "Edgeplane.Hub.Api.Contracts.DiffCounts",
        "Edgeplane.Hub.Api.Contracts.FieldDiffResponse",
        "Edgeplane.Hub.Api.Contracts.ObjectDiffResponse",
        "Edgeplane.Hub.Api.Contracts.RevisionDiffBase",
        "Edgeplane.Hub.Api.Contracts.RevisionDiffLimits",
        "Edgeplane.Hub.Api.Contracts.RevisionDiffResponse",
        "Edgeplane.Hub.Api.Contracts.RevisionResponse",
        "Edgeplane.Hub.Api.Contracts.RevisionState",
        "Edgeplane.Hub.Api.Contracts.RevocationResponse",
        "Edgeplane.Hub.Api.Contracts.RevokeClusterRequest",
        "Edgeplane.Hub.Api.Contracts.RolloutMemberResponse",
        "Edgeplane.Hub.Api.Contracts.RolloutResponse",
        "Edgeplane.Hub.Api.Contracts.RolloutState",
        "Edgeplane.Hub.Api.Contracts.RolloutWaveResponse",
        "Edgeplane.Hub.Api.Contracts.SourceResponse",
        "Edgeplane.Hub.Api.Contracts.WebhookDuplicateResponse",
    ];

    [Fact]
    public void HubPublicTypes_AreExactlyTheFacade()
    {
        var exported = Assembly.Load("Edgeplane.Hub").GetExportedTypes().Select(t => t.FullName!).ToHashSet(StringComparer.Ordinal);

        var unexpected = exported.Except(Facade).Order(StringComparer.Ordinal).ToList();
        var missing = Facade.Except(exported).Order(StringComparer.Ordinal).ToList();
        Assert.True(unexpected.Count == 0,
            "public types outside the hub's facade (make them internal, or add them to HubSurfaceTests.Facade on purpose): "
            + string.Join(", ", unexpected));
        Assert.True(missing.Count == 0, "facade types no longer public (remove them from HubSurfaceTests.Facade): " + string.Join(", ", missing));
    }

    [Fact]
    public void HubFacade_ExposesNoStoreOrEntityType()
    {
        var leaks = Assembly.Load("Edgeplane.Hub").GetExportedTypes()
            .Where(t => t.Namespace is { } ns && (ns.StartsWith("Edgeplane.Hub.Store", StringComparison.Ordinal)))
            .Select(t => t.FullName)
            .ToList();

        Assert.Empty(leaks);
    }

    [Fact]
    public void HubStorePorts_ReturnReadModels_NotEfEntities()
    {
        var ports = Assembly.Load("Edgeplane.Hub").GetTypes()
            .Where(t => t.IsInterface && t.Namespace == "Edgeplane.Hub.Store" && t.Name.EndsWith("Store", StringComparison.Ordinal))
            .ToList();

        var leaks = (from port in ports
                     from method in port.GetMethods()
                     from type in new[] { method.ReturnType }.Concat(method.GetParameters().Select(p => p.ParameterType))
                     where Mentions(type).Any(t => t.Namespace == "Edgeplane.Hub.Store.Entities")
                     select $"{port.Name}.{method.Name}").Distinct().ToList();

        Assert.Contains(ports, p => p.Name == "IClusterStore");
        Assert.True(leaks.Count == 0, "store ports exposing EF entities (return a read model instead): " + string.Join(", ", leaks));
    }

    private static IEnumerable<Type> Mentions(Type type) =>
        type.IsGenericType ? new[] { type }.Concat(type.GetGenericArguments().SelectMany(Mentions))
        : type.HasElementType ? Mentions(type.GetElementType()!)
        : [type];
}

using Edgeplane.Model.Loading;

namespace Edgeplane.Model.Tests.Loading;

/// <summary>A workspace's quota, limitRange, network.allowFrom, allowedClusterRoles and allowedCapabilities: read, and refused with file:line when wrong.</summary>
public sealed class WorkspacePolicySpecTests : IDisposable
{
    private readonly TempFleet _fleet = new();

    public void Dispose() => _fleet.Dispose();

    private FleetLoadResult LoadWith(string fields)
    {
        _fleet.Replace("workspaces.yaml", "  namespaces: [team-ns]\n", "  namespaces: [team-ns]\n" + fields);
        return FleetLoader.Load(_fleet.Root);
    }

    [Fact]
    public void Load_NoPolicyFields_Defaults()
    {
        var spec = FleetLoader.Load(_fleet.Root).Fleet!.Workspaces.Find("team")!.Spec;

        Assert.Empty(spec.Quota);
        Assert.Null(spec.LimitRange);
        Assert.Empty(spec.AllowFrom);
        Assert.Equal(["view", "edit"], spec.AllowedClusterRoles);
        Assert.Empty(spec.AllowedCapabilities);
    }

    [Fact]
    public void Load_EveryPolicyField_Read()
    {
        _fleet.Write("ws2.yaml", "apiVersion: edgeplane.dev/v1alpha1\nkind: Workspace\nmetadata:\n  name: peer\nspec:\n  namespaces: [peer-ns]\n"
            + "  allowedKinds: [ConfigMap]\n  targets: {layers: [edge]}\n");

        var result = LoadWith("  podSecurity: privileged\n  quota: {requests.cpu: 4, limits.memory: 8Gi, count/deployments.apps: \"10\"}\n"
            + "  limitRange:\n    default: {cpu: 500m}\n    max: {memory: \"1e9\"}\n"
            + "  network:\n    allowFrom: [{workspace: peer}, {namespace: monitoring}, {cidr: 203.0.113.0/24}]\n"
            + "  allowedClusterRoles: [view]\n  allowedCapabilities: [NET_ADMIN, IPC_LOCK]\n");

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var spec = result.Fleet!.Workspaces.Find("team")!.Spec;
        Assert.Equal("count/deployments.apps=10, limits.memory=8Gi, requests.cpu=4", string.Join(", ", spec.Quota.Select(q => $"{q.Key}={q.Value}")));
        Assert.Equal("500m", spec.LimitRange!.Default["cpu"]);
        Assert.Empty(spec.LimitRange.DefaultRequest);
        Assert.Equal("1e9", spec.LimitRange.Max["memory"]);
        Assert.Equal(["peer", null, null], spec.AllowFrom.Select(p => p.Workspace));
        Assert.Equal("monitoring", spec.AllowFrom[1].Namespace);
        Assert.Equal("203.0.113.0/24", spec.AllowFrom[2].Cidr);
        Assert.Equal(["view"], spec.AllowedClusterRoles);
        Assert.Equal(["NET_ADMIN", "IPC_LOCK"], spec.AllowedCapabilities);
    }

    [Theory]
    [InlineData("  quota: {cpu: lots}\n", "workspaces.yaml:7:16: Workspace \"team\": spec.quota.cpu: \"lots\" is not a Kubernetes quantity (such as 500m, 4, 8Gi, 1e3)")]
    [InlineData("  quota: {cpu: \"-1\"}\n", "workspaces.yaml:7:16: Workspace \"team\": spec.quota.cpu: \"-1\" is not a Kubernetes quantity (such as 500m, 4, 8Gi, 1e3)")]
    [InlineData("  quota: {CPU!: 1}\n", "workspaces.yaml:7:17: Workspace \"team\": spec.quota: \"CPU!\" is not a resource name (such as cpu, requests.memory, count/deployments.apps)")]
    [InlineData("  limitRange: {max: {memory: 1Gb}}\n", "workspaces.yaml:7:30: Workspace \"team\": spec.limitRange.max.memory: \"1Gb\" is not a Kubernetes quantity (such as 500m, 4, 8Gi, 1e3)")]
    [InlineData("  limitRange: {}\n", "workspaces.yaml:7:15: Workspace \"team\": spec.limitRange must set at least one of default, defaultRequest or max")]
    [InlineData("  limitRange: {maximum: {cpu: 1}}\n", "workspaces.yaml:7:16: Workspace \"team\": unknown field \"spec.limitRange.maximum\"")]
    [InlineData("  network: {allowFrom: [{workspace: team, namespace: x}]}\n", "workspaces.yaml:7:25: Workspace \"team\": spec.network.allowFrom[0] must set exactly one of workspace, namespace or cidr")]
    [InlineData("  network: {allowFrom: [{cidr: 10.0.0.0/33}]}\n", "workspaces.yaml:7:32: Workspace \"team\": spec.network.allowFrom[0].cidr \"10.0.0.0/33\" is not an address range such as 203.0.113.0/24")]
    [InlineData("  network: {allowFrom: [{workspace: nobody}]}\n", "workspaces.yaml:7:37: Workspace \"team\": spec.network.allowFrom[0].workspace \"nobody\" is not a Workspace")]
    [InlineData("  allowedClusterRoles: [view, cluster-admin]\n", "workspaces.yaml:7:31: Workspace \"team\": spec.allowedClusterRoles[1] \"cluster-admin\" may never be bound by a workspace: it grants rights over the whole cluster")]
    [InlineData("  allowedClusterRoles: [\"system:node\"]\n", "workspaces.yaml:7:25: Workspace \"team\": spec.allowedClusterRoles[0] \"system:node\" may never be bound by a workspace: it grants rights over the whole cluster")]
    [InlineData("  allowedCapabilities: [net_admin]\n", "workspaces.yaml:7:25: Workspace \"team\": spec.allowedCapabilities[0] \"net_admin\" must be one capability as Kubernetes writes it (NET_ADMIN, IPC_LOCK: uppercase, without CAP_; not ALL)")]
    [InlineData("  allowedCapabilities: [ALL]\n", "workspaces.yaml:7:25: Workspace \"team\": spec.allowedCapabilities[0] \"ALL\" must be one capability as Kubernetes writes it (NET_ADMIN, IPC_LOCK: uppercase, without CAP_; not ALL)")]
    [InlineData("  allowedCapabilities: [NET_ADMIN]\n", "workspaces.yaml:7:24: Workspace \"team\": spec.allowedCapabilities NET_ADMIN go beyond the Pod Security baseline list, which podSecurity: baseline enforces; set podSecurity: privileged or remove them")]
    [InlineData("  members: [{subject: \"system:masters\", role: admin}]\n", "workspaces.yaml:7:23: Workspace \"team\": spec.members[0].subject \"system:masters\" must be user:<name> or group:<name>, printable ASCII, not system:… (Kubernetes reserves those)")]
    [InlineData("  members: [{subject: \"group:system:masters\", role: admin}]\n", "workspaces.yaml:7:23: Workspace \"team\": spec.members[0].subject \"group:system:masters\" must be user:<name> or group:<name>, printable ASCII, not system:… (Kubernetes reserves those)")]
    [InlineData("  members: [{subject: \"user:ana\u200B@example.com\", role: admin}]\n", "workspaces.yaml:7:23: Workspace \"team\": spec.members[0].subject \"user:ana\u200B@example.com\" must be user:<name> or group:<name>, printable ASCII, not system:… (Kubernetes reserves those)")]
    public void Load_BadPolicyField_RefusedWithWhere(string fields, string expected)
    {
        var result = LoadWith(fields);

        Assert.Null(result.Fleet);
        Assert.Equal(expected, Assert.Single(result.Diagnostics).ToString());
    }

    [Fact]
    public void Load_TooManyQuotaEntries_RefusedWithTheLimit()
    {
        var entries = string.Join(", ", Enumerable.Range(0, SpecBinder.MaxWorkspaceEntries + 1).Select(i => $"count/r{i}: 1"));

        var result = LoadWith($"  quota: {{{entries}}}\n");

        Assert.Null(result.Fleet);
        Assert.Equal("workspaces.yaml:7:10: Workspace \"team\": spec.quota has 33 entries; at most 32 are allowed", Assert.Single(result.Diagnostics).ToString());
    }
}

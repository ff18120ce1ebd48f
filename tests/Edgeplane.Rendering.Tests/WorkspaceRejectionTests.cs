using Edgeplane.Model.Loading;
using Edgeplane.Model.Tests;

namespace Edgeplane.Rendering.Tests;

/// <summary>
/// Render-time policy (testdata/tenancy plus a second workspace "other" and a cloud cluster): each way a workspace's
/// application can reach outside what it owns rejects that workspace — its message names file:line, the owner, the
/// object and the rule — and nothing of it ships on any cluster, while the other workspace's objects, the platform's
/// add-ons and the rejected workspace's own namespaces, bindings and policies still do.
/// </summary>
public sealed class WorkspaceRejectionTests : IDisposable
{
    private const string H = "apiVersion: edgeplane.dev/v1alpha1\n";
    private const string Bad = "apps/app1/manifests/bad.yaml";
    private readonly TempFleet _fleet = new("tenancy");

    public WorkspaceRejectionTests()
    {
        _fleet.Replace("fleet.yaml", "    - name: edge\n      profiles: [base]\n", "    - name: edge\n      profiles: [base]\n    - name: cloud\n      profiles: [base]\n");
        _fleet.Write("clusters/cloud-1.yaml", H + "kind: Cluster\nmetadata:\n  name: cloud-1\nspec:\n  layer: cloud\n  region: north\n  provider: eks\n");
        _fleet.Write("workspaces-other.yaml", H + "kind: Workspace\nmetadata:\n  name: other\nspec:\n  namespaces: [other-ns]\n  allowedKinds: [\"*\"]\n"
            + "  targets:\n    layers: [edge, cloud]\n");
        _fleet.Write("apps/app2/app.yaml", H + "kind: Application\nmetadata:\n  name: app2\nspec:\n  workspace: other\n  namespace: other-ns\n"
            + "  source:\n    manifests:\n      path: manifests\n  placement:\n    layers: [edge, cloud]\n");
        _fleet.Write("apps/app2/manifests/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app2\ndata:\n  k: v\n");
    }

    public void Dispose() => _fleet.Dispose();

    private static string Pod(string spec) => $"apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n{spec}";

    private static string Workload(string apiVersion, string kind, string podSpec) =>
        $"apiVersion: {apiVersion}\nkind: {kind}\nmetadata:\n  name: w\nspec:\n  template:\n    spec:\n{podSpec}";

    private static string Binding(string roleRef, string subject) =>
        $"apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: b\nroleRef: {{apiGroup: rbac.authorization.k8s.io, {roleRef}}}\nsubjects:\n  - {subject}\n";

    private static string Role(string rule) => $"apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: r\nrules:\n  - {rule}\n";

    private static string ConfigMap(string name, string ns = "team-ns") => $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: \"{name}\"\n  namespace: \"{ns}\"\n";

    private const string Container = "      containers:\n        - name: c\n          image: i\n";
    private const string ToSa = "{kind: ServiceAccount, name: default, namespace: team-ns}";

    public static TheoryData<string, string, string, string> Violations() => new()
    {
        { "another team's namespace", ConfigMap("x", "other-ns"), "NamespaceNotOwned", "ConfigMap \"other-ns/x\" is in namespace \"other-ns\", which Workspace \"team\" does not own" },
        { "kube-system", ConfigMap("x", "kube-system"), "NamespaceNotOwned", "ConfigMap \"kube-system/x\" is in namespace \"kube-system\", which Workspace \"team\" does not own" },
        { "cluster-scoped kind", "apiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: pv\nspec: {}\n", "ClusterScopedNotAllowed", "PersistentVolume \"pv\" is cluster-scoped" },
        { "ClusterRoleBinding", "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: crb\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}\n",
            "ClusterScopedNotAllowed", "ClusterRoleBinding \"crb\" is cluster-scoped" },
        { "RoleBinding to cluster-admin", Binding("kind: ClusterRole, name: cluster-admin", ToSa), "RbacEscalation",
            "RoleBinding \"team-ns/b\" binds the ClusterRole \"cluster-admin\"; a workspace may never bind cluster-admin" },
        { "RoleBinding to a ClusterRole not allowed", Binding("kind: ClusterRole, name: admin", ToSa), "RbacEscalation",
            "RoleBinding \"team-ns/b\" binds the ClusterRole \"admin\", which is not in Workspace \"team\"'s spec.allowedClusterRoles (view, edit)" },
        { "Role with escalate", Role("{apiGroups: [rbac.authorization.k8s.io], resources: [roles], verbs: [get, escalate]}"), "RbacEscalation", "Role \"team-ns/r\": rules[0] grants escalate" },
        { "Role with bind", Role("{apiGroups: [rbac.authorization.k8s.io], resources: [clusterroles], verbs: [bind]}"), "RbacEscalation", "Role \"team-ns/r\": rules[0] grants bind" },
        { "Role with impersonate", Role("{apiGroups: [\"\"], resources: [users, groups], verbs: [impersonate]}"), "RbacEscalation", "Role \"team-ns/r\": rules[0] grants impersonate" },
        { "Role with * on rbac", Role("{apiGroups: [\"*\"], resources: [\"*\"], verbs: [get]}"), "RbacEscalation", "Role \"team-ns/r\": rules[0] grants * on the RBAC API" },
        { "SA subject from another namespace", Binding("kind: ClusterRole, name: view", "{kind: ServiceAccount, name: default, namespace: other-ns}"), "RbacSubjectNotAllowed",
            "RoleBinding \"team-ns/b\" binds ServiceAccount \"other-ns/default\" of a namespace Workspace \"team\" does not own" },
        { "system: group subject", Binding("kind: ClusterRole, name: view", "{kind: Group, apiGroup: rbac.authorization.k8s.io, name: \"system:serviceaccounts\"}"),
            "RbacSubjectNotAllowed", "RoleBinding \"team-ns/b\" binds Group \"system:serviceaccounts\"; system: users and groups are Kubernetes' own" },
        { "privileged pod", Pod("  containers:\n    - name: c\n      image: i\n      securityContext: {privileged: true}\n"), "PodHostAccess",
            "Pod \"team-ns/p\": spec.containers[0].securityContext.privileged gives its pods access to the node" },
        { "hostPath", Workload("apps/v1", "Deployment", Container + "      volumes: [{name: v, hostPath: {path: /}}]\n"), "PodHostAccess",
            "Deployment \"team-ns/w\": spec.template.spec.volumes[0].hostPath gives its pods access to the node" },
        { "hostNetwork", Workload("apps/v1", "DaemonSet", Container + "      hostNetwork: true\n"), "PodHostAccess", "DaemonSet \"team-ns/w\": spec.template.spec.hostNetwork gives" },
        { "hostPID", Workload("apps/v1", "StatefulSet", Container + "      hostPID: true\n"), "PodHostAccess", "StatefulSet \"team-ns/w\": spec.template.spec.hostPID gives" },
        { "hostIPC", Workload("batch/v1", "Job", Container + "      hostIPC: true\n"), "PodHostAccess", "Job \"team-ns/w\": spec.template.spec.hostIPC gives" },
        { "hostPort", "apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: cj\nspec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n"
            + "          containers: [{name: c, image: i, ports: [{containerPort: 80, hostPort: 80}]}]\n", "PodHostAccess",
            "CronJob \"team-ns/cj\": spec.jobTemplate.spec.template.spec.containers[0].ports[0].hostPort gives" },
        { "capability beyond the list", Workload("apps/v1", "ReplicaSet", "      initContainers: [{name: c, image: i, securityContext: {capabilities: {add: [CHOWN, SYS_ADMIN]}}}]\n"),
            "CapabilityNotAllowed", "ReplicaSet \"team-ns/w\": spec.template.spec.initContainers[0].securityContext.capabilities.add[1] adds the capability SYS_ADMIN, which is beyond" },
        { "VirtualMachine host disk", "apiVersion: kubevirt.io/v1\nkind: VirtualMachine\nmetadata:\n  name: vm\nspec:\n  template:\n    spec:\n      volumes: [{name: d, hostDisk: {path: /dev/sda}}]\n",
            "PodHostAccess", "VirtualMachine \"team-ns/vm\": spec.template.spec.volumes[0].hostDisk gives" },
        { "homoglyph namespace (Cyrillic а)", ConfigMap("x", "te\u0430m-ns"), "ConfusableName", "metadata.namespace \"te\u0430m-ns\" is confusable with \"team-ns\"" },
        { "fullwidth letters (NFKC)", ConfigMap("x", "\uFF54eam-ns"), "ConfusableName", "metadata.namespace \"\uFF54eam-ns\" is confusable with \"team-ns\"" },
        { "homoglyph roleRef (Greek ο)", Binding("kind: ClusterRole, name: \"cluster-adm\u03B9n\"", ToSa), "ConfusableName", "roleRef.name \"cluster-adm\u03B9n\" is confusable with \"cluster-admin\"" },
        { "zero-width character", ConfigMap("app\u200B1"), "UnsafeName", "metadata.name \"app\u200B1\" contains an invisible character (U+200B)" },
        { "bidi override", Binding("kind: ClusterRole, name: view", "{kind: User, apiGroup: rbac.authorization.k8s.io, name: \"ana\u202Enimda\"}"), "UnsafeName",
            "subjects[0].name \"ana\u202Enimda\" contains a bidirectional-text control character (U+202E)" },
        { "other non-ASCII", ConfigMap("caf\u00E9"), "UnsafeName", "metadata.name \"caf\u00E9\" contains the non-ASCII character U+00E9; names must be ASCII" },
        { "over-long name", ConfigMap(new string('a', 254)), "NameTooLong", "is 254 characters long; at most 253 are allowed" },
        { "over-long namespace", ConfigMap("x", new string('n', 64)), "NameTooLong", "is 64 characters long; at most 63 are allowed" },
        { "Namespace created by an Application", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team-extra\n", "NamespaceCreated",
            "Namespace \"team-extra\": an Application or NetworkFunction may not create a Namespace" },
        { "HelmRelease not pinned to the workspace account", "apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: own\nspec:\n  interval: 10m\n"
            + "  chart: {spec: {chart: db, sourceRef: {kind: HelmRepository, name: chart}}}\n", "FluxAccountNotPinned", "HelmRelease \"team-ns/own\" must run as Workspace \"team\"'s account" },
        { "taking over the workspace's own binding", Binding("kind: ClusterRole, name: view", ToSa).Replace("name: b\n", "name: edgeplane-workspace\n", StringComparison.Ordinal),
            "DuplicateObject", "RoleBinding \"team-ns/edgeplane-workspace\" is also rendered by Workspace/team" },
    };

    [Theory]
    [MemberData(nameof(Violations))]
    public void RenderAll_WorkspaceViolation_RejectsOnlyThatWorkspace(string @case, string manifest, string rule, string message)
    {
        _fleet.Write(Bad, manifest);

        var all = Renderer().RenderAll();

        AssertOnlyTeamRejected(all, @case, rule, message, Bad + ":1:1: Application/app1: ", "Application \"app1\": ");
    }

    [Fact]
    public void RenderAll_ApplicationOnAClusterOutsideTheWorkspaceSelector_Rejected()
    {
        _fleet.Replace("apps/app1/app.yaml", "layers: [edge]", "layers: [edge, cloud]");

        var all = Renderer().RenderAll();

        AssertOnlyTeamRejected(all, "outside the selector", "TargetNotAllowed",
            "Application \"app1\" is placed on cluster \"cloud-1\", which Workspace \"team\" may not target (its spec.targets)", "apps/app1/app.yaml:12:5: ");
        Assert.DoesNotContain(all.Bundles.Single(b => b.ClusterName == "cloud-1").Objects, o => o is { Kind: "Namespace", Name: "team-ns" });
    }

    [Fact]
    public void Render_OneClusterCleanButRejectedElsewhere_LeftOutWhenTheCallerSaysSo()
    {
        _fleet.Replace("apps/app2/app.yaml", "layers: [edge, cloud]", "layers: [cloud]");
        _fleet.Replace("workspaces.yaml", "layers: [edge]", "layers: [edge, cloud]");
        _fleet.Replace("apps/app1/app.yaml", "layers: [edge]", "layers: [edge, cloud]");
        _fleet.Write(Bad, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  namespace: \"${ns}\"\n");
        _fleet.Replace("clusters/cloud-1.yaml", "provider: eks\n", "provider: eks\n  variables: {ns: kube-system}\n");
        _fleet.Replace("clusters/edge-a.yaml", "provider: k3s\n", "provider: k3s\n  variables: {ns: team-ns}\n");
        var renderer = Renderer();

        var alone = renderer.Render("edge-a");
        var told = renderer.Render("edge-a", new RenderOptions { RejectedWorkspaces = new HashSet<string> { "team" } });
        var all = renderer.RenderAll();

        Assert.Empty(alone.Rejections);
        Assert.Contains(alone.Bundle!.Objects, o => Rejected.IsWorkloadOf(o, "team"));
        Assert.DoesNotContain(told.Bundle!.Objects, o => Rejected.IsWorkloadOf(o, "team"));
        Assert.Contains("cluster \"cloud-1\"", Assert.Single(all.Rejections["team"]).Message, StringComparison.Ordinal);
        Rejected.AssertNothingShipped(all, "team");
        Assert.Contains(all.Bundles.Single(b => b.ClusterName == "cloud-1").Objects, o => o.Name == "app2");
    }

    [Fact]
    public void RenderAll_TwoWorkspacesViolate_BothRejectedThePlatformStillRenders()
    {
        _fleet.Write(Bad, ConfigMap("x", "kube-system"));
        _fleet.Write("apps/app2/manifests/bad.yaml", ConfigMap("y", "team-ns"));

        var all = Renderer().RenderAll();

        Assert.True(all.Succeeded, string.Join("\n", all.Diagnostics));
        Assert.Equal(["other", "team"], all.Rejections.Keys.Order(StringComparer.Ordinal));
        Rejected.AssertNothingShipped(all, "team");
        Rejected.AssertNothingShipped(all, "other");
        Assert.All(all.Bundles, b => Assert.Contains(b.Objects, o => o.Source == "AddOn/flux"));
    }

    [Fact]
    public void RenderAll_CarriedObjects_ARejectedWorkspaceKeepsItsLastGoodObjectsWhileTheOthersChange()
    {
        var good = Renderer().RenderAll(new RenderOptions { Revision = "r1" });
        var previous = good.Bundles.ToDictionary(b => b.ClusterName, b => b.Objects.Where(o => Rejected.IsWorkloadOf(o, "team")).Select(o => o.ToJsonObject()).ToList());
        _fleet.Write(Bad, Binding("kind: ClusterRole, name: cluster-admin", ToSa));
        _fleet.Replace("apps/app2/manifests/cm.yaml", "k: v", "k: changed");
        var asked = new List<string>();

        var next = Renderer().RenderAll(new RenderOptions
        {
            Revision = "r2",
            CarriedObjects = (cluster, workspace) =>
            {
                lock (asked)
                {
                    asked.Add($"{cluster}/{workspace}");
                }
                return previous[cluster];
            },
        });

        Assert.True(next.Succeeded, string.Join("\n", next.Diagnostics));
        Assert.Contains("cluster-admin", Assert.Single(next.Rejections["team"]).Message, StringComparison.Ordinal);
        Assert.Equal(["edge-a/team"], asked.Distinct().Order(StringComparer.Ordinal));
        var edge = next.Bundles.Single(b => b.ClusterName == "edge-a");
        var carried = edge.Objects.Where(o => Rejected.IsWorkloadOf(o, "team")).Select(o => o.ToJsonObject()).ToList();
        Assert.NotEmpty(carried);
        Assert.Equal(previous["edge-a"].Select(WithoutRevision), carried.Select(WithoutRevision));
        Assert.All(carried, o => Assert.Equal("r2", (string?)o["metadata"]!["annotations"]!["edgeplane.dev/source-revision"]));
        Assert.DoesNotContain(edge.Objects, o => o.Name == "b");
        Assert.Equal("changed", (string?)edge.Objects.Single(o => o.Name == "app2").ToJsonObject()["data"]!["k"]);
    }

    private static string WithoutRevision(System.Text.Json.Nodes.JsonObject obj)
    {
        var copy = (System.Text.Json.Nodes.JsonObject)obj.DeepClone();
        ((System.Text.Json.Nodes.JsonObject)copy["metadata"]!["annotations"]!).Remove("edgeplane.dev/source-revision");
        return copy.ToJsonString();
    }

    private FleetRenderer Renderer()
    {
        var loaded = FleetLoader.Load(_fleet.Root);
        Assert.Empty(loaded.Diagnostics);
        return new FleetRenderer(loaded.Fleet!);
    }

    /// <summary>
    /// "team" alone is rejected, by a diagnostic with this rule whose text starts at the file and contains the message;
    /// none of team's application objects ship; "other", the platform and team's own namespaces still do.
    /// </summary>
    private static void AssertOnlyTeamRejected(RenderAllResult all, string @case, string rule, string message, params string[] prefixes)
    {
        Assert.True(all.Succeeded, $"{@case}: {string.Join("\n", all.Diagnostics)}");
        Assert.Equal(["team"], all.Rejections.Keys);
        Assert.True(all.Rejections["team"].Any(d => d.Code == rule), string.Join("\n", all.Rejections["team"].Select(d => $"{d} [{d.Code}]")));
        var diagnostic = Assert.Single(all.Rejections["team"].Where(d => d.Code == rule).DistinctBy(d => d.Message.Replace("cloud-1", "edge-a", StringComparison.Ordinal)));
        Assert.Contains(message, diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains(prefixes, p => diagnostic.ToString().StartsWith(p.Split(": ")[0], StringComparison.Ordinal));
        Rejected.AssertNothingShipped(all, "team");
        foreach (var bundle in all.Bundles)
        {
            Assert.Contains(bundle.Objects, o => o.Source == "Application/app2" && o.Name == "app2");
            Assert.Contains(bundle.Objects, o => o.Source == "AddOn/flux");
        }
        var edge = all.Bundles.Single(b => b.ClusterName == "edge-a");
        Assert.Contains(edge.Objects, o => o is { Kind: "Namespace", Name: "team-ns" });
        Assert.Contains(edge.Objects, o => o is { Kind: "NetworkPolicy", Namespace: "team-ns", Name: "edgeplane-workspace-isolation" });
    }
}

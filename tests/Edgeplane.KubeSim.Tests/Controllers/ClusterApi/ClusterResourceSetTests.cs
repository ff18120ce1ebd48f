using System.Text;
using System.Text.Json.Nodes;
using Edgeplane.KubeSim.Tests.Infrastructure;
using k8s;
using k8s.Models;
using static Edgeplane.KubeSim.Tests.Infrastructure.CapiSim;

namespace Edgeplane.KubeSim.Tests.Controllers.ClusterApi;

/// <summary>
/// ClusterResourceSets apply the objects their ConfigMaps and Secrets carry into the workload clusters of the Clusters
/// they select, once those have a control plane, and record it in ClusterResourceSetBindings.
/// </summary>
public sealed class ClusterResourceSetTests
{
    private static readonly Dictionary<string, string> Calico = new() { ["cni"] = "calico" };

    [Fact]
    public async Task ApplyOnce_SelectedClusterInitialized_AppliedAndBound()
    {
        await using var sim = await StartAsync();
        await CarrierAsync(sim, "cni", Manifest("vxlan"));
        await sim.CreateAsync(CapiManifests.ResourceSet("cni", CapiManifests.MatchLabels("cni", "calico"), null, ("ConfigMap", "cni")));
        foreach (var obj in CapiManifests.KubeadmCluster("edge-1", "v1.31.4", Calico))
        {
            await sim.CreateAsync(obj);
        }

        await sim.AdvanceAsync(Delays.Provision);
        var waiting = await sim.WaitAsync("ClusterResourceSet", "cni", s => Condition(s, "ResourcesApplied") is not null);
        await sim.AdvanceAsync(Delays.ControlPlane);
        var set = await sim.WaitAsync("ClusterResourceSet", "cni", s => Condition(s, "ResourcesApplied") == "True");
        var binding = await sim.GetAsync("ClusterResourceSetBinding", "edge-1");
        using var workload = sim.Server.Clusters["edge-1"].CreateClient();
        var applied = await workload.CoreV1.ReadNamespacedConfigMapAsync("cni-config", "cni");

        Assert.Equal(("False", "WaitingForControlPlaneInitialized"), (Condition(waiting, "ResourcesApplied"), ConditionOf(waiting, "ResourcesApplied")!["reason"]!.GetValue<string>()));
        Assert.Equal("Applied", ConditionOf(set, "ResourcesApplied")!["reason"]!.GetValue<string>());
        Assert.Equal("vxlan", applied.Data["mode"]);
        Assert.Equal("edge-1", binding["spec"]!["clusterName"]!.GetValue<string>());
        var resource = binding["spec"]!["bindings"]![0]!["resources"]![0]!;
        Assert.Equal(("cni", "ConfigMap", "cni", true), (binding["spec"]!["bindings"]![0]!["clusterResourceSetName"]!.GetValue<string>(),
            resource["kind"]!.GetValue<string>(), resource["name"]!.GetValue<string>(), resource["applied"]!.GetValue<bool>()));
        Assert.Equal(HashOf(Manifest("vxlan")), resource["hash"]!.GetValue<string>());
        Assert.Equal(("Cluster", "edge-1"), (binding["metadata"]!["ownerReferences"]![0]!["kind"]!.GetValue<string>(), binding["metadata"]!["ownerReferences"]![0]!["name"]!.GetValue<string>()));
    }

    [Fact]
    public async Task TwoSets_SameCluster_BothRecordedInItsBinding()
    {
        await using var sim = await StartAsync();
        await CarrierAsync(sim, "cni", Manifest("vxlan"));
        await CarrierAsync(sim, "extra", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: extra\n");
        await sim.CreateAsync(CapiManifests.ResourceSet("cni", CapiManifests.MatchLabels("cni", "calico"), null, ("ConfigMap", "cni")));
        await sim.CreateAsync(CapiManifests.ResourceSet("extra", CapiManifests.MatchLabels("cni", "calico"), "Reconcile", ("ConfigMap", "extra")));

        await sim.ProvisionAsync("edge-12", labels: Calico);
        var binding = await sim.GetAsync("ClusterResourceSetBinding", "edge-12");
        using var workload = sim.Server.Clusters["edge-12"].CreateClient();
        var namespaces = (await workload.CoreV1.ListNamespaceAsync()).Items.Select(n => n.Metadata.Name).ToList();

        Assert.Equal(["cni", "extra"], binding["spec"]!["bindings"]!.AsArray().Select(b => b!["clusterResourceSetName"]!.GetValue<string>()).Order());
        Assert.Contains("cni", namespaces);
        Assert.Contains("extra", namespaces);
    }

    [Fact]
    public async Task ApplyOnce_ObjectAlreadyInTheWorkloadCluster_SuccessAndLeftAsItWas()
    {
        await using var sim = await StartAsync();
        var existing = sim.Server.AddCluster("edge-2");
        using var workload = existing.CreateClient();
        await workload.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "cni" } });
        await workload.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "cni-config" }, Data = new Dictionary<string, string> { ["mode"] = "ipip" } }, "cni");
        await CarrierAsync(sim, "cni", Manifest("vxlan"));
        await sim.CreateAsync(CapiManifests.ResourceSet("cni", CapiManifests.MatchLabels("cni", "calico"), "ApplyOnce", ("ConfigMap", "cni")));

        await sim.ProvisionAsync("edge-2", labels: Calico);
        var set = await sim.WaitAsync("ClusterResourceSet", "cni", s => Condition(s, "ResourcesApplied") == "True");

        Assert.Equal("ipip", (await workload.CoreV1.ReadNamespacedConfigMapAsync("cni-config", "cni")).Data["mode"]);
        Assert.True((await sim.GetAsync("ClusterResourceSetBinding", "edge-2"))["spec"]!["bindings"]![0]!["resources"]![0]!["applied"]!.GetValue<bool>());
        Assert.Equal("Applied", ConditionOf(set, "ResourcesApplied")!["reason"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("ApplyOnce", "vxlan")]  // applied once: a new carrier content is not applied again
    [InlineData("Reconcile", "ipip")]   // the carrier's hash changed: its objects are merge-patched again
    public async Task CarrierChanges_AppliedAgainOnlyUnderReconcile(string strategy, string expectedMode)
    {
        await using var sim = await StartAsync();
        await CarrierAsync(sim, "cni", Manifest("vxlan"));
        await sim.CreateAsync(CapiManifests.ResourceSet("cni", CapiManifests.MatchLabels("cni", "calico"), strategy, ("ConfigMap", "cni")));
        await sim.ProvisionAsync("edge-3", labels: Calico);
        using var workload = sim.Server.Clusters["edge-3"].CreateClient();
        var first = await workload.CoreV1.ReadNamespacedConfigMapAsync("cni-config", "cni");

        await sim.Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch(new JsonObject { ["data"] = new JsonObject { ["cni.yaml"] = Manifest("ipip") } }.ToJsonString(),
            V1Patch.PatchType.MergePatch), "cni", Namespace);
        await sim.Management.WhenControllersIdleAsync();
        var second = await workload.CoreV1.ReadNamespacedConfigMapAsync("cni-config", "cni");
        var binding = await sim.GetAsync("ClusterResourceSetBinding", "edge-3");

        Assert.Equal("vxlan", first.Data["mode"]);
        Assert.Equal(expectedMode, second.Data["mode"]);
        Assert.Equal(HashOf(Manifest(expectedMode)), binding["spec"]!["bindings"]![0]!["resources"]![0]!["hash"]!.GetValue<string>());
    }

    [Fact]
    public async Task EmptySelector_MatchesNoCluster()
    {
        await using var sim = await StartAsync();
        await CarrierAsync(sim, "cni", Manifest("vxlan"));
        await sim.CreateAsync(CapiManifests.ResourceSet("cni", new JsonObject(), null, ("ConfigMap", "cni")));

        await sim.ProvisionAsync("edge-4", labels: Calico);
        var set = await sim.WaitAsync("ClusterResourceSet", "cni", s => Condition(s, "ResourcesApplied") is not null);
        using var workload = sim.Server.Clusters["edge-4"].CreateClient();

        Assert.Equal("True", Condition(set, "ResourcesApplied"));
        await ApiError.StatusOf(() => workload.CoreV1.ReadNamespaceAsync("cni"), 404);
        await ApiError.StatusOf(() => sim.GetAsync("ClusterResourceSetBinding", "edge-4"), 404);
    }

    [Theory]
    [InlineData("Opaque", false)]                                   // any other Secret type is refused, so arbitrary Secrets cannot be pushed
    [InlineData("addons.cluster.x-k8s.io/resource-set", true)]
    public async Task SecretCarrier_AppliedOnlyWithTheResourceSetType(string type, bool applied)
    {
        await using var sim = await StartAsync();
        await sim.Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "cni" },
            Type = type,
            Data = new Dictionary<string, byte[]> { ["cni.yaml"] = Encoding.UTF8.GetBytes(Manifest("vxlan")) },
        }, Namespace);
        await sim.CreateAsync(CapiManifests.ResourceSet("cni", CapiManifests.MatchLabels("cni", "calico"), null, ("Secret", "cni")));

        await sim.ProvisionAsync("edge-5", labels: Calico);
        var set = await sim.WaitAsync("ClusterResourceSet", "cni", s => Condition(s, "ResourcesApplied") is not null);
        using var workload = sim.Server.Clusters["edge-5"].CreateClient();
        var namespaces = (await workload.CoreV1.ListNamespaceAsync()).Items.Select(n => n.Metadata.Name).ToList();

        Assert.Equal(applied, namespaces.Contains("cni"));
        Assert.Equal(applied ? "True" : "False", Condition(set, "ResourcesApplied"));
        if (!applied)
        {
            Assert.Equal("WrongSecretType", ConditionOf(set, "ResourcesApplied")!["reason"]!.GetValue<string>());
            Assert.Equal("Secret type of resource cni is not supported: it is \"Opaque\"; only Secrets of type addons.cluster.x-k8s.io/resource-set are applied",
                ConditionOf(set, "ResourcesApplied")!["message"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task CarrierInAnotherNamespace_NotUsed()
    {
        await using var sim = await StartAsync();
        await sim.Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "other" } });
        await CarrierAsync(sim, "cni", Manifest("vxlan"), ns: "other");
        await sim.CreateAsync(CapiManifests.ResourceSet("cni", CapiManifests.MatchLabels("cni", "calico"), null, ("ConfigMap", "cni")));

        await sim.ProvisionAsync("edge-6", labels: Calico);
        var set = await sim.WaitAsync("ClusterResourceSet", "cni", s => Condition(s, "ResourcesApplied") == "False");
        using var workload = sim.Server.Clusters["edge-6"].CreateClient();

        Assert.Equal("ConfigMap \"cni\" not found in namespace \"default\"", ConditionOf(set, "ResourcesApplied")!["message"]!.GetValue<string>());
        await ApiError.StatusOf(() => workload.CoreV1.ReadNamespaceAsync("cni"), 404);
    }

    [Fact]
    public async Task KindNotServedInTheWorkloadCluster_FailsWithTheErrorThenRetries()
    {
        await using var sim = await StartAsync();
        await CarrierAsync(sim, "operator", "apiVersion: operator.tigera.io/v1\nkind: Installation\nmetadata:\n  name: default\nspec:\n  variant: Calico\n");
        await sim.CreateAsync(CapiManifests.ResourceSet("operator", CapiManifests.MatchLabels("cni", "calico"), null, ("ConfigMap", "operator")));

        await sim.ProvisionAsync("edge-7", labels: Calico);
        var failed = await sim.WaitAsync("ClusterResourceSet", "operator", s => Condition(s, "ResourcesApplied") == "False");
        var failedBinding = await sim.GetAsync("ClusterResourceSetBinding", "edge-7");
        using var workload = sim.Server.Clusters["edge-7"].CreateClient();
        await workload.CreateClusterAsync("apiextensions.k8s.io", "v1", "customresourcedefinitions", InstallationCrd());
        await sim.AdvanceAsync(TimeSpan.FromSeconds(10));
        var retried = await sim.WaitAsync("ClusterResourceSet", "operator", s => Condition(s, "ResourcesApplied") == "True");

        Assert.Equal("NotApplied", ConditionOf(failed, "ResourcesApplied")!["reason"]!.GetValue<string>());
        Assert.Equal("Cluster \"edge-7\": ConfigMap \"operator\": no matches for kind \"Installation\" in version \"operator.tigera.io/v1\"",
            ConditionOf(failed, "ResourcesApplied")!["message"]!.GetValue<string>());
        Assert.False(failedBinding["spec"]!["bindings"]![0]!["resources"]![0]!["applied"]!.GetValue<bool>());
        Assert.Equal("Applied", ConditionOf(retried, "ResourcesApplied")!["reason"]!.GetValue<string>());
        Assert.Equal("Calico", (await workload.GetClusterAsync("operator.tigera.io", "v1", "installations", "default"))["spec"]!["variant"]!.GetValue<string>());
    }

    [Fact]
    public async Task BindingCrdNotInstalled_StateKeptInMemoryAndSaid()
    {
        await using var sim = await StartAsync("clusterresourcesetbindings.addons.cluster.x-k8s.io");
        await CarrierAsync(sim, "cni", Manifest("vxlan"));
        await sim.CreateAsync(CapiManifests.ResourceSet("cni", CapiManifests.MatchLabels("cni", "calico"), null, ("ConfigMap", "cni")));

        await sim.ProvisionAsync("edge-8", labels: Calico);
        var set = await sim.WaitAsync("ClusterResourceSet", "cni", s => Condition(s, "ResourcesApplied") == "True");
        using var workload = sim.Server.Clusters["edge-8"].CreateClient();

        Assert.Equal("the ClusterResourceSetBinding CRD is not installed: KubeSim keeps the binding state in memory",
            ConditionOf(set, "ResourcesApplied")!["message"]!.GetValue<string>());
        Assert.Equal("vxlan", (await workload.CoreV1.ReadNamespacedConfigMapAsync("cni-config", "cni")).Data["mode"]);
    }

    [Fact]
    public async Task CarrierOverTheSizeLimit_NotApplied()
    {
        await using var sim = await StartAsync();
        await CarrierAsync(sim, "big", Manifest("vxlan") + "#" + new string('x', 1024 * 1024));
        await sim.CreateAsync(CapiManifests.ResourceSet("big", CapiManifests.MatchLabels("cni", "calico"), null, ("ConfigMap", "big")));

        await sim.ProvisionAsync("edge-9", labels: Calico);
        var set = await sim.WaitAsync("ClusterResourceSet", "big", s => Condition(s, "ResourcesApplied") == "False");
        using var workload = sim.Server.Clusters["edge-9"].CreateClient();

        Assert.Equal("ConfigMap \"big\": the payload is larger than the limit of 1048576 bytes", ConditionOf(set, "ResourcesApplied")!["message"]!.GetValue<string>());
        await ApiError.StatusOf(() => workload.CoreV1.ReadNamespaceAsync("cni"), 404);
    }

    [Fact]
    public async Task ResourceSetDeleted_LeavesTheBindingsButNotTheObjects()
    {
        await using var sim = await StartAsync();
        await CarrierAsync(sim, "cni", Manifest("vxlan"));
        await sim.CreateAsync(CapiManifests.ResourceSet("cni", CapiManifests.MatchLabels("cni", "calico"), null, ("ConfigMap", "cni")));
        await sim.ProvisionAsync("edge-10", labels: Calico);
        await sim.WaitAsync("ClusterResourceSet", "cni", s => Condition(s, "ResourcesApplied") == "True");

        await sim.Client.CustomObjects.DeleteNamespacedCustomObjectAsync("addons.cluster.x-k8s.io", "v1beta2", Namespace, "clusterresourcesets", "cni");
        await sim.Management.WhenControllersIdleAsync();
        using var workload = sim.Server.Clusters["edge-10"].CreateClient();

        await ApiError.StatusOf(() => sim.GetAsync("ClusterResourceSet", "cni"), 404);
        await ApiError.StatusOf(() => sim.GetAsync("ClusterResourceSetBinding", "edge-10"), 404);
        Assert.Equal("vxlan", (await workload.CoreV1.ReadNamespacedConfigMapAsync("cni-config", "cni")).Data["mode"]);
    }

    /// <summary>Two documents: a Namespace and a ConfigMap in it (the Namespace is written first whatever the order).</summary>
    private static string Manifest(string mode) =>
        $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cni-config\n  namespace: cni\ndata:\n  mode: {mode}\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: cni\n";

    private static string HashOf(string value) => "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    private static Task CarrierAsync(CapiSim sim, string name, string manifest, string ns = Namespace) =>
        sim.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap
        {
            Metadata = new V1ObjectMeta { Name = name },
            Data = new Dictionary<string, string> { ["cni.yaml"] = manifest },
        }, ns);

    private static JsonObject InstallationCrd() => new()
    {
        ["apiVersion"] = "apiextensions.k8s.io/v1",
        ["kind"] = "CustomResourceDefinition",
        ["metadata"] = new JsonObject { ["name"] = "installations.operator.tigera.io" },
        ["spec"] = new JsonObject
        {
            ["group"] = "operator.tigera.io",
            ["names"] = new JsonObject { ["kind"] = "Installation", ["plural"] = "installations", ["singular"] = "installation" },
            ["scope"] = "Cluster",
            ["versions"] = new JsonArray(new JsonObject
            {
                ["name"] = "v1", ["served"] = true, ["storage"] = true,
                ["schema"] = new JsonObject { ["openAPIV3Schema"] = new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true } },
            }),
        },
    };
}

using System.Text.Json.Nodes;
using Edgeplane.Rendering.Bundles;

namespace Edgeplane.Rendering.Tests.Provisioning;

/// <summary>
/// What the renderer adds to every provisioned cluster's objects in its management cluster's bundle, whatever the
/// template says (<see cref="ProvisioningContract"/>), what it refuses in a template, and where each backend keeps its
/// Kubernetes versions.
/// </summary>
public sealed class ProvisioningContractTests : IDisposable
{
    private static readonly string[] Provisioned = ["eks-1", "aks-1", "gke-1", "os-1", "vs-1", "edge-1"];

    private readonly ProvisioningFleet _fleet = new();

    public void Dispose() => _fleet.Dispose();

    [Fact]
    public void Render_EveryProvisionedCluster_LabelledAnnotatedAndJoinedByAResourceSet()
    {
        var bundle = _fleet.Management();

        foreach (var cluster in Provisioned)
        {
            var objects = ProvisioningFleet.Of(bundle, cluster);
            var capi = objects.Single(o => o.Kind == "Cluster" && o.ApiVersion == "cluster.x-k8s.io/v1beta2").ToJsonObject();
            Assert.Equal(cluster, (string?)capi["metadata"]!["labels"]![ProvisioningContract.ClusterLabel]);
            Assert.Equal("mgmt", (string?)capi["metadata"]!["labels"]!["edgeplane.dev/cluster"]); // the ownership label names the bundle's cluster
            var policy = cluster == "os-1" ? "Delete" : "Retain";
            Assert.All(objects.Where(o => o.Kind != "ClusterResourceSet"),
                o => Assert.Equal(policy, (string?)o.ToJsonObject()["metadata"]!["annotations"]![ProvisioningContract.DeletionPolicyAnnotation]));
            var crs = objects.Single(o => o.Kind == "ClusterResourceSet");
            Assert.Equal(($"edgeplane-agent-{cluster}", capi["metadata"]!["namespace"]!.ToString()), (crs.Name, crs.Namespace));
            var json = crs.ToJsonObject();
            Assert.Null(json["metadata"]!["annotations"]![ProvisioningContract.DeletionPolicyAnnotation]);
            Assert.Equal(
                $$$"""{"clusterSelector":{"matchLabels":{"edgeplane.dev/provisioned-cluster":"{{{cluster}}}"}},"resources":[{"kind":"Secret","name":"edgeplane-join-{{{cluster}}}"}],"strategy":"Reconcile"}""",
                json["spec"]!.ToJsonString());
        }
    }

    [Fact]
    public void Render_ResourceSets_EachSelectsExactlyItsOwnCluster()
    {
        var bundle = _fleet.Management();
        var clusters = bundle.Objects.Where(o => o.Kind == "Cluster" && o.ApiVersion.StartsWith("cluster.x-k8s.io/", StringComparison.Ordinal)).ToList();

        foreach (var crs in bundle.Objects.Where(o => o.Kind == "ClusterResourceSet"))
        {
            // As Cluster API selects: Clusters of the set's own namespace whose labels hold every matchLabels entry.
            var selector = crs.ToJsonObject()["spec"]!["clusterSelector"]!["matchLabels"]!.AsObject();
            var selected = clusters.Where(c => c.Namespace == crs.Namespace
                && selector.All(kv => (string?)c.ToJsonObject()["metadata"]!["labels"]![kv.Key] == (string?)kv.Value)).Select(c => c.Source);
            Assert.Equal([crs.Source], selected);
        }
        Assert.Equal(Provisioned.Length, bundle.Objects.Count(o => o.Kind == "ClusterResourceSet"));
        Assert.DoesNotContain(bundle.Objects, o => o.Name.StartsWith("edgeplane-join-", StringComparison.Ordinal)); // the hub adds the Secret
    }

    [Fact]
    public void Render_TemplateThatWritesTheLabelAndAnnotation_TheRendererWins()
    {
        _fleet.Files.Replace("templates/openstack-kubeadm/manifests/cluster.yaml", "kind: Cluster\nmetadata:\n  name: ${cluster.name}\n",
            "kind: Cluster\nmetadata:\n  name: ${cluster.name}\n  labels: {edgeplane.dev/provisioned-cluster: vs-1}\n  annotations: {edgeplane.dev/deletion-policy: Retain}\n");

        var capi = ProvisioningFleet.Single(ProvisioningFleet.Of(_fleet.Management(), "os-1"), "Cluster");

        Assert.Equal(("os-1", "Delete"), ((string?)capi["metadata"]!["labels"]![ProvisioningContract.ClusterLabel],
            (string?)capi["metadata"]!["annotations"]![ProvisioningContract.DeletionPolicyAnnotation]));
    }

    [Fact]
    public void Render_DeletionPolicyChanged_OnlyThatClustersAnnotationsChange()
    {
        var before = _fleet.Management();
        _fleet.Files.Replace("clusters/os-1.yaml", "    deletionPolicy: Delete\n", "");

        var after = _fleet.Management();

        var changed = after.Objects.Where(o => !before.Objects.Single(b => b.Kind == o.Kind && b.Name == o.Name && b.Namespace == o.Namespace).Json.Span.SequenceEqual(o.Json.Span)).ToList();
        Assert.Equal(ProvisioningFleet.Of(after, "os-1").Where(o => o.Kind != "ClusterResourceSet").Select(o => o.Name), changed.Select(o => o.Name));
        Assert.All(changed, o => Assert.Equal("Retain", (string?)o.ToJsonObject()["metadata"]!["annotations"]![ProvisioningContract.DeletionPolicyAnnotation]));
    }

    [Theory]
    [InlineData("eks-1", "AWSManagedControlPlane")]
    [InlineData("aks-1", "AzureASOManagedControlPlane")]
    [InlineData("gke-1", "GCPManagedControlPlane")]
    [InlineData("os-1", "KubeadmControlPlane")]
    [InlineData("vs-1", "KubeadmControlPlane")]
    [InlineData("edge-1", "KThreesControlPlane")]
    public void Render_KubernetesVersionChange_ControlPlaneAndWorkersOfEveryBackendFollow(string cluster, string controlPlane)
    {
        _fleet.Files.Replace("fleet.yaml", "kubernetesVersion: v1.31.2\n", "kubernetesVersion: v1.32.0\n")
            .Replace("fleet.yaml", "kubernetesVersion: v1.31.2+k3s1\n", "kubernetesVersion: v1.32.0+k3s1\n");
        var expected = cluster == "edge-1" ? "v1.32.0+k3s1" : "v1.32.0";

        var objects = ProvisioningFleet.Of(_fleet.Management(), cluster);

        Assert.Equal(expected, (string?)ProvisioningFleet.Single(objects, controlPlane)["spec"]!["version"]);
        var workers = objects.Where(o => o.Kind is "MachineDeployment" or "MachinePool").Select(o => (string?)o.ToJsonObject()["spec"]!["template"]!["spec"]!["version"]).ToList();
        Assert.NotEmpty(workers);
        Assert.All(workers, v => Assert.Equal(expected, v));
    }

    [Theory]
    [InlineData("gke", "  version: ${cluster.kubernetesVersion}\n", "  version: v1.30.9\n",
        "Cluster \"gke-1\": GCPManagedControlPlane \"gke-1-control-plane\" has spec.version \"v1.30.9\", but the cluster declares kubernetesVersion \"v1.31.2\"; write ${cluster.kubernetesVersion} there, so that a version change in the fleet upgrades the control plane")]
    [InlineData("gke", "  version: ${cluster.kubernetesVersion}\n", "  controlPlaneVersion: v1.30.9\n",
        "Cluster \"gke-1\": GCPManagedControlPlane \"gke-1-control-plane\" has spec.controlPlaneVersion \"v1.30.9\", but the cluster declares kubernetesVersion \"v1.31.2\"; write ${cluster.kubernetesVersion} there, so that a version change in the fleet upgrades the control plane")]
    [InlineData("aks", "        dnsPrefix: ${cluster.name}\n", "        dnsPrefix: ${cluster.name}\n        kubernetesVersion: 1.30.9\n",
        "Cluster \"aks-1\": AzureASOManagedControlPlane \"aks-1\" has spec.resources[0].spec.kubernetesVersion \"1.30.9\", but the cluster declares kubernetesVersion \"v1.31.2\"; leave it out: CAPZ writes spec.version there")]
    [InlineData("aks", "        azureName: user\n", "        azureName: user\n        orchestratorVersion: 1.32.0\n",
        "Cluster \"aks-1\": AzureASOManagedMachinePool \"aks-1-user\" has spec.resources[0].spec.orchestratorVersion \"1.32.0\", ahead of its control plane (v1.31.2): workers may never run a newer Kubernetes than the control plane")]
    [InlineData("eks", "  version: ${cluster.kubernetesVersion}\n", "  version: v1.31.1\n",
        "Cluster \"eks-1\": AWSManagedControlPlane \"eks-1-control-plane\" has spec.version \"v1.31.1\", but the cluster declares kubernetesVersion \"v1.31.2\"; write ${cluster.kubernetesVersion} there, so that a version change in the fleet upgrades the control plane")]
    [InlineData("edge-k3s", "      version: ${cluster.kubernetesVersion}\n", "      version: v1.32.0+k3s1\n",
        "Cluster \"edge-1\": MachineDeployment \"edge-1-workers\" has version \"v1.32.0+k3s1\", ahead of its control plane (v1.31.2+k3s1): workers may never run a newer Kubernetes than the control plane")]
    public void Render_TemplateThatPinsAVersion_RefusedWhereTheProviderKeepsIt(string template, string from, string to, string error)
    {
        _fleet.Files.Replace($"templates/{template}/manifests/cluster.yaml", from, to);

        var result = _fleet.Renderer().Render(ProvisioningFleet.ManagementCluster);

        Assert.Null(result.Bundle);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(error, diagnostic.Message);
        Assert.StartsWith($"templates/{template}/manifests/cluster.yaml:", diagnostic.Location.ToString(), StringComparison.Ordinal);
        Assert.Equal(error.Contains("ahead", StringComparison.Ordinal) ? "KubernetesVersionSkew" : "KubernetesVersionMismatch", diagnostic.Code);
    }

    [Fact]
    public void Render_TemplateWithoutACapiCluster_RefusedAtTheTemplateSource()
    {
        _fleet.Files.Replace("templates/eks/manifests/cluster.yaml", "apiVersion: cluster.x-k8s.io/v1beta2\nkind: Cluster\n", "apiVersion: cluster.x-k8s.io/v1beta2\nkind: ClusterClass\n");

        var result = _fleet.Renderer().Render(ProvisioningFleet.ManagementCluster);

        Assert.Null(result.Bundle);
        Assert.Equal(["templates/eks/template.yaml:14:5: ClusterTemplate \"eks\" (for cluster \"eks-1\"): renders 0 Cluster API Clusters (cluster.x-k8s.io), not one: "
            + "a template provisions one cluster, and the ClusterResourceSet edgeplane-agent-eks-1 that installs its agent selects that Cluster"],
            result.Diagnostics.Select(d => d.ToString()));
        Assert.Equal("TemplateClusterCount", result.Diagnostics.Single().Code);
    }

    [Fact]
    public void Render_TemplateWithTwoCapiClusters_RefusedAtTheSecond()
    {
        _fleet.Files.Write("templates/gke/manifests/extra.yaml", "apiVersion: cluster.x-k8s.io/v1beta2\nkind: Cluster\nmetadata:\n  name: ${cluster.name}-b\n");

        var result = _fleet.Renderer().Render(ProvisioningFleet.ManagementCluster);

        Assert.Null(result.Bundle);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(("templates/gke/manifests/extra.yaml:1:1", "TemplateClusterCount"), (diagnostic.Location.ToString(), diagnostic.Code));
        Assert.Contains("renders 2 Cluster API Clusters", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_CapiClusterInAnotherNamespace_RefusedBecauseTheResourceSetCannotSelectIt()
    {
        _fleet.Files.Replace("templates/vsphere/manifests/cluster.yaml", "kind: Cluster\nmetadata:\n  name: ${cluster.name}\n",
            "kind: Cluster\nmetadata:\n  name: ${cluster.name}\n  namespace: ${cluster.region}\n");

        var result = _fleet.Renderer().Render(ProvisioningFleet.ManagementCluster);

        Assert.Null(result.Bundle);
        Assert.Equal(["templates/vsphere/manifests/cluster.yaml:3:1: ClusterTemplate \"vsphere-kubeadm\" (for cluster \"vs-1\"): its Cluster \"vs-1\" is in namespace "
            + "\"eu-central\", but Cluster API applies the ClusterResourceSet that installs the agent only to Clusters of its own namespace, the template's "
            + "\"capi-clusters\": leave metadata.namespace out"], result.Diagnostics.Select(d => d.ToString()));
        Assert.Equal("TemplateNamespaceMismatch", result.Diagnostics.Single().Code);
    }

    [Fact]
    public void Describe_ProvisionedCluster_CarriesItsDeletionPolicy()
    {
        var renderer = _fleet.Renderer();

        Assert.Equal(new ClusterProvisioning("openstack-kubeadm", "mgmt", "capi-clusters") { DeletionPolicy = Model.Specs.DeletionPolicy.Delete },
            renderer.Describe("os-1").Provisioning);
        Assert.Equal(Model.Specs.DeletionPolicy.Retain, renderer.Describe("edge-1").Provisioning!.DeletionPolicy);
        Assert.Null(renderer.Describe("mgmt").Provisioning);
    }

    [Fact]
    public void Render_ProvisionedClustersOwnBundle_HasNoneOfItsClusterApiObjects()
    {
        var renderer = _fleet.Renderer();

        foreach (var cluster in Provisioned)
        {
            var own = renderer.Render(cluster);
            Assert.True(own.Succeeded, string.Join("\n", own.Diagnostics));
            Assert.DoesNotContain(own.Bundle!.Objects, o => o.ApiVersion.Contains("cluster.x-k8s.io", StringComparison.Ordinal));
        }
    }
}

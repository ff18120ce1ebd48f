using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Edgeplane.Model.Yaml;

namespace Edgeplane.Rendering.Tests.Provisioning;

/// <summary>
/// The example fleet's six ClusterTemplates, rendered for one cluster each into the management cluster's bundle: golden
/// files (testdata/provisioning/expected/&lt;cluster&gt;.yaml; regenerate with UPDATE_GOLDEN=1), and the kinds, apiVersions,
/// required fields and references each provider's API documents (the reference's A.1, A.2 and A.5).
/// </summary>
public sealed class ProvisioningTemplateTests : IDisposable
{
    private const string Core = "cluster.x-k8s.io/v1beta2";
    private const string ControlPlane = "controlplane.cluster.x-k8s.io/v1beta2";
    private const string Bootstrap = "bootstrap.cluster.x-k8s.io/v1beta2";
    private const string InfraV1Beta1 = "infrastructure.cluster.x-k8s.io/v1beta1";
    private const string InfraV1Beta2 = "infrastructure.cluster.x-k8s.io/v1beta2";
    private const string Crs = "addons.cluster.x-k8s.io/v1beta2 ClusterResourceSet";

    private readonly ProvisioningFleet _fleet = new();

    public void Dispose() => _fleet.Dispose();

    public static TheoryData<string> Clusters() => new("eks-1", "aks-1", "gke-1", "os-1", "vs-1", "edge-1");

    [Theory]
    [MemberData(nameof(Clusters))]
    public void Render_ProvisionedCluster_MatchesGolden(string cluster)
    {
        var objects = ProvisioningFleet.Of(_fleet.Management(), cluster);

        var actual = YamlWriter.Write(objects.Select(o => (JsonNode?)o.ToJsonObject()));
        var file = Path.Combine(SourceDir(), "..", "testdata", "provisioning", "expected", cluster + ".yaml");
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllText(file, actual);
        }
        Assert.Equal(File.ReadAllText(file), actual);
    }

    [Theory]
    [InlineData("eks-1", new[] { $"{Core} Cluster", $"{InfraV1Beta2} AWSManagedCluster", $"{ControlPlane} AWSManagedControlPlane", $"{Core} MachinePool", $"{InfraV1Beta2} AWSManagedMachinePool", Crs })]
    [InlineData("aks-1", new[] { $"{Core} Cluster", $"{InfraV1Beta1} AzureASOManagedCluster", $"{InfraV1Beta1} AzureASOManagedControlPlane", $"{Core} MachinePool", $"{InfraV1Beta1} AzureASOManagedMachinePool", Crs })]
    [InlineData("gke-1", new[] { $"{Core} Cluster", $"{InfraV1Beta1} GCPManagedCluster", $"{InfraV1Beta1} GCPManagedControlPlane", $"{Core} MachinePool", $"{InfraV1Beta1} GCPManagedMachinePool", Crs })]
    [InlineData("os-1", new[] { $"{Core} Cluster", $"{InfraV1Beta1} OpenStackCluster", $"{ControlPlane} KubeadmControlPlane", $"{InfraV1Beta1} OpenStackMachineTemplate", $"{Bootstrap} KubeadmConfigTemplate", $"{Core} MachineDeployment", Crs })]
    [InlineData("vs-1", new[] { $"{Core} Cluster", $"{InfraV1Beta2} VSphereCluster", $"{ControlPlane} KubeadmControlPlane", $"{InfraV1Beta2} VSphereMachineTemplate", $"{Bootstrap} KubeadmConfigTemplate", $"{Core} MachineDeployment", Crs })]
    [InlineData("edge-1", new[] { $"{Core} Cluster", $"{InfraV1Beta2} Metal3Cluster", $"{ControlPlane} KThreesControlPlane", $"{InfraV1Beta2} Metal3MachineTemplate", $"{Bootstrap} KThreesConfigTemplate", $"{Core} MachineDeployment", Crs })]
    public void Render_ProvisionedCluster_TheProvidersKindsAtTheirApiVersions(string cluster, string[] expected)
    {
        var objects = ProvisioningFleet.Of(_fleet.Management(), cluster);

        Assert.Equal(expected.Order(StringComparer.Ordinal), objects.Select(o => $"{o.ApiVersion} {o.Kind}").Distinct().Order(StringComparer.Ordinal));
        Assert.All(objects, o => Assert.Equal("capi-" + (cluster == "edge-1" ? "edge" : "clusters"), o.Namespace));
    }

    [Theory]
    [InlineData("eks-1", "AWSManagedControlPlane", "spec.region=eu-central-1", "spec.version=v1.31.2", "spec.identityRef.kind=AWSClusterRoleIdentity", "spec.identityRef.name=capa-eu", "spec.endpointAccess.public=true")]
    [InlineData("eks-1", "MachinePool", "spec.replicas=4", "spec.template.spec.bootstrap.dataSecretName=", "spec.template.spec.version=v1.31.2")]
    [InlineData("eks-1", "AWSManagedMachinePool", "spec.amiType=AL2023_x86_64_STANDARD", "spec.scaling.minSize=1", "spec.scaling.maxSize=10")]
    [InlineData("aks-1", "AzureASOManagedCluster", "spec.resources.0.kind=ResourceGroup", "spec.resources.0.spec.location=germanywestcentral")]
    [InlineData("aks-1", "AzureASOManagedControlPlane", "spec.version=v1.31.2", "spec.resources.0.kind=ManagedCluster", "spec.resources.0.spec.sku.tier=Free",
        "spec.resources.0.metadata.annotations.serviceoperator.azure.com/credential-from=aso-credential")]
    [InlineData("gke-1", "GCPManagedCluster", "spec.project=acme-fleet-prod", "spec.region=europe-west3", "spec.credentialsRef.namespace=capi-clusters", "spec.credentialsRef.name=gcp-credentials")]
    [InlineData("gke-1", "GCPManagedControlPlane", "spec.project=acme-fleet-prod", "spec.location=europe-west3", "spec.version=v1.31.2")]
    [InlineData("gke-1", "GCPManagedMachinePool", "spec.scaling.minCount=1", "spec.scaling.maxCount=8")]
    [InlineData("os-1", "OpenStackCluster", "spec.identityRef.type=Secret", "spec.identityRef.name=os-1-cloud-config", "spec.identityRef.cloudName=openstack")]
    [InlineData("os-1", "KubeadmControlPlane", "spec.version=v1.31.2", "spec.replicas=3", "spec.machineTemplate.spec.infrastructureRef.name=os-1-control-plane-v1.31.2")]
    [InlineData("os-1", "MachineDeployment", "spec.replicas=5", "spec.template.spec.version=v1.31.2", "spec.clusterName=os-1")]
    [InlineData("vs-1", "VSphereCluster", "spec.server=vcenter.eu-central.acme.example.net", "spec.identityRef.kind=VSphereClusterIdentity", "spec.controlPlaneEndpoint.host=vs-1.k8s.acme.example.net")]
    [InlineData("vs-1", "KubeadmControlPlane", "spec.version=v1.31.2", "spec.kubeadmConfigSpec.files.0.path=/etc/kubernetes/manifests/kube-vip.yaml")]
    [InlineData("edge-1", "KThreesControlPlane", "spec.version=v1.31.2+k3s1", "spec.replicas=1", "spec.machineTemplate.infrastructureRef.apiVersion=infrastructure.cluster.x-k8s.io/v1beta2",
        "spec.machineTemplate.infrastructureRef.kind=Metal3MachineTemplate")]
    [InlineData("edge-1", "Metal3Cluster", "spec.controlPlaneEndpoint.host=edge-1.edge.acme.example.net", "spec.controlPlaneEndpoint.port=6443", "spec.cloudProviderEnabled=false")]
    [InlineData("edge-1", "MachineDeployment", "spec.replicas=0", "spec.template.spec.version=v1.31.2+k3s1")]
    public void Render_ProvisionedCluster_RequiredFieldsAsTheProviderDocumentsThem(string cluster, string kind, params string[] fields)
    {
        var obj = ProvisioningFleet.Single(ProvisioningFleet.Of(_fleet.Management(), cluster), kind);

        foreach (var field in fields)
        {
            var (path, value) = (field[..field.IndexOf('=', StringComparison.Ordinal)], field[(field.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            Assert.Equal((path, value), (path, Text(At(obj, path))));
        }
    }

    [Theory]
    [MemberData(nameof(Clusters))]
    public void Render_ProvisionedCluster_EveryReferenceNamesAnObjectRenderedForIt(string cluster)
    {
        var objects = ProvisioningFleet.Of(_fleet.Management(), cluster).Select(o => o.ToJsonObject()).ToList();
        var rendered = objects.Select(o => ((string)o["apiVersion"]!, (string)o["kind"]!, (string)o["metadata"]!["name"]!)).ToList();

        var refs = References(objects).ToList();

        Assert.NotEmpty(refs);
        Assert.All(refs, r =>
        {
            var (owner, path, reference) = r;
            var kind = (string)reference["kind"]!;
            var name = (string)reference["name"]!;
            if (reference["apiVersion"] is { } apiVersion)
            {
                // Only a provider on the v1beta1 contract writes apiVersion (cluster-api-k3s' machine template reference).
                Assert.Equal(("KThreesControlPlane", "spec.machineTemplate.infrastructureRef"), (owner, path));
                Assert.Contains(((string)apiVersion!, kind, name), rendered);
            }
            else
            {
                var group = (string)reference["apiGroup"]!;
                Assert.Equal(["apiGroup", "kind", "name"], reference.Select(p => p.Key).Order(StringComparer.Ordinal));
                Assert.Contains(rendered, o => o.Item1.StartsWith(group + "/", StringComparison.Ordinal) && o.Item2 == kind && o.Item3 == name);
            }
        });
    }

    [Theory]
    [MemberData(nameof(Clusters))]
    public void Render_ProvisionedCluster_CredentialsOnlyByReference(string cluster)
    {
        var objects = ProvisioningFleet.Of(_fleet.Management(), cluster);

        Assert.DoesNotContain(objects, o => o.Kind is "Secret" or "ConfigMap");
        Assert.All(objects, o => Assert.DoesNotMatch("(?i)password|secretAccessKey|clientSecret|privateKey", System.Text.Encoding.UTF8.GetString(o.Json.Span)));
    }

    [Fact]
    public void Load_EdgeK3sTemplate_EveryParameterHasADefault()
    {
        var template = _fleet.Renderer().Fleet.ClusterTemplates.Find("edge-k3s")!.Spec;

        Assert.NotEmpty(template.Parameters);
        Assert.All(template.Parameters, p => Assert.True(p.Default is not null && !p.Required, p.Name));
        Assert.All(template.Parameters, p => Assert.NotNull(p.Type));
    }

    /// <summary>Every Cluster API reference (apiGroup or apiVersion, kind, name) with its owner's kind and path.</summary>
    private static IEnumerable<(string Owner, string Path, JsonObject Reference)> References(List<JsonObject> objects)
    {
        string[] paths = ["spec.controlPlaneRef", "spec.infrastructureRef", "spec.machineTemplate.spec.infrastructureRef", "spec.machineTemplate.infrastructureRef",
            "spec.template.spec.infrastructureRef", "spec.template.spec.bootstrap.configRef"];
        foreach (var obj in objects)
        {
            foreach (var path in paths)
            {
                if (At(obj, path) is JsonObject reference)
                {
                    yield return ((string)obj["kind"]!, path, reference);
                }
            }
        }
    }

    /// <summary>The node at a dotted path; numbers index lists, and a key may itself contain dots when nothing else matches.</summary>
    private static JsonNode? At(JsonNode? node, string path)
    {
        var parts = path.Split('.');
        for (var i = 0; i < parts.Length && node is not null; i++)
        {
            if (node is JsonArray array)
            {
                node = array[int.Parse(parts[i], System.Globalization.CultureInfo.InvariantCulture)];
                continue;
            }
            var obj = node.AsObject();
            var key = parts[i];
            while (!obj.ContainsKey(key) && i + 1 < parts.Length)
            {
                key += "." + parts[++i];
            }
            node = obj[key];
        }
        return node;
    }

    private static string? Text(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v => v.ToJsonString(),
        _ => null,
    };

    private static string SourceDir([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}

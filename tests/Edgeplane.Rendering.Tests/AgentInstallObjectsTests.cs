using System.Text;
using System.Text.Json.Nodes;
using Edgeplane.Model.Loading;
using Edgeplane.Model.Tests;
using Edgeplane.Model.Yaml;
using Edgeplane.Rendering.Generators;

namespace Edgeplane.Rendering.Tests;

/// <summary>
/// The agent install manifests (one generator for <c>agent manifest</c>, <c>clusters join</c> and the hub's join Secret):
/// hardened, validated, deterministic; the Cluster API carrier Secret around them; and the renderer's hook that lets the
/// hub add that Secret to a management cluster's bundle.
/// </summary>
public sealed class AgentInstallObjectsTests : IDisposable
{
    private const string Secret = "abcdefghijklmnopqrstuvwxyz234567";
    private static readonly string Pin = new('c', 64);
    private static readonly string Token = $"ep1.abcdefgh23.{Secret}.{Pin}";

    private readonly TempFleet _fleet = new();

    public void Dispose() => _fleet.Dispose();

    private static AgentInstallSettings Settings(string cluster = "edge-a") => new()
    {
        Cluster = cluster,
        Hub = new Uri("https://hub.example.com:7443"),
        Token = Token,
        Version = "1.2.3",
    };

    [Fact]
    public void Build_AllObjectsInApplyOrder_InTheAgentNamespace()
    {
        var objects = AgentInstallObjects.Build(Settings());

        Assert.Equal(["Namespace/edgeplane-system", "ServiceAccount/edgeplane-agent", "ClusterRoleBinding/edgeplane-agent",
            "Secret/edgeplane-agent-bootstrap", "Deployment/edgeplane-agent"],
            objects.Select(o => $"{o["kind"]}/{o["metadata"]!["name"]}"));
        Assert.All(objects.Skip(1).Where(o => (string)o["kind"]! != "ClusterRoleBinding"),
            o => Assert.Equal("edgeplane-system", (string?)o["metadata"]!["namespace"]));
        var binding = objects[2];
        Assert.Equal("cluster-admin", (string)binding["roleRef"]!["name"]!);
        Assert.Equal("""[{"kind":"ServiceAccount","name":"edgeplane-agent","namespace":"edgeplane-system"}]""", binding["subjects"]!.ToJsonString());
    }

    [Fact]
    public void Build_Deployment_IsHardenedBoundedAndProbed()
    {
        var deployment = AgentInstallObjects.Build(Settings()).Single(o => (string)o["kind"]! == "Deployment");
        var spec = deployment["spec"]!;
        var pod = spec["template"]!["spec"]!;
        var container = pod["containers"]![0]!;

        Assert.Equal(1, (int)spec["replicas"]!);
        Assert.Equal("Recreate", (string)spec["strategy"]!["type"]!);
        Assert.Equal("ghcr.io/edgeplane/agent:1.2.3", (string)container["image"]!);
        Assert.True((bool)pod["securityContext"]!["runAsNonRoot"]!);
        Assert.Equal("RuntimeDefault", (string)pod["securityContext"]!["seccompProfile"]!["type"]!);
        var security = container["securityContext"]!;
        Assert.True((bool)security["runAsNonRoot"]!);
        Assert.Equal(65532, (long)security["runAsUser"]!);
        Assert.True((bool)security["readOnlyRootFilesystem"]!);
        Assert.False((bool)security["allowPrivilegeEscalation"]!);
        Assert.Equal("""["ALL"]""", security["capabilities"]!["drop"]!.ToJsonString());
        Assert.Equal("512Mi", (string)container["resources"]!["limits"]!["memory"]!);
        Assert.Equal("1", (string)container["resources"]!["limits"]!["cpu"]!);
        Assert.NotNull(container["resources"]!["requests"]);
        Assert.Equal("""["edgeplane","agent","probe","--state","/var/lib/edgeplane-agent"]""", container["livenessProbe"]!["exec"]!["command"]!.ToJsonString());
        Assert.Equal("""["edgeplane","agent","probe","--state","/var/lib/edgeplane-agent","--enrolled"]""",
            container["readinessProbe"]!["exec"]!["command"]!.ToJsonString());
        Assert.Equal("abcdefgh23", (string)spec["template"]!["metadata"]!["annotations"]![AgentInstallObjects.TokenIdAnnotation]!);
        Assert.Null(pod["hostNetwork"]);
        Assert.Null(pod["tolerations"]);
    }

    [Fact]
    public void Build_TokenOnlyInTheSecret_TheDeploymentReadsItFromTheEnvironment()
    {
        var objects = AgentInstallObjects.Build(Settings());
        var secret = objects.Single(o => (string)o["kind"]! == "Secret");
        var deployment = objects.Single(o => (string)o["kind"]! == "Deployment");
        var container = deployment["spec"]!["template"]!["spec"]!["containers"]![0]!;

        Assert.Equal(Token, Decode(secret["data"]!["token"]));
        Assert.Equal("https://hub.example.com:7443", Decode(secret["data"]!["hub"]));
        Assert.Equal("sha256:" + Pin, Decode(secret["data"]!["ca-pin"]));
        Assert.Equal("edge-a", Decode(secret["data"]!["cluster"]));
        Assert.DoesNotContain(Secret, deployment.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("""["agent","--hub","$(EDGEPLANE_HUB)","--cluster","$(EDGEPLANE_CLUSTER)","--in-cluster","--state","/var/lib/edgeplane-agent"]""",
            container["args"]!.ToJsonString());
        Assert.Equal(["EDGEPLANE_HUB:hub", "EDGEPLANE_CLUSTER:cluster", "EDGEPLANE_BOOTSTRAP_TOKEN:token"],
            container["env"]!.AsArray().Select(e => $"{e!["name"]}:{e["valueFrom"]!["secretKeyRef"]!["key"]}"));
    }

    [Fact]
    public void Build_Bootstrap_HostNetworkAndTolerations_ForAClusterWithoutANetworkYet_NamespaceNotRestricted()
    {
        var plain = AgentInstallObjects.Build(Settings());
        var bootstrap = AgentInstallObjects.Build(Settings() with { Bootstrap = true });
        var pod = bootstrap.Single(o => (string)o["kind"]! == "Deployment")["spec"]!["template"]!["spec"]!;

        Assert.True((bool)pod["hostNetwork"]!);
        Assert.Equal(["node.kubernetes.io/not-ready", "node.cloudprovider.kubernetes.io/uninitialized", "node-role.kubernetes.io/control-plane"],
            pod["tolerations"]!.AsArray().Select(t => (string)t!["key"]!));
        Assert.All(pod["tolerations"]!.AsArray(), t => Assert.Equal("Exists", (string)t!["operator"]!));
        Assert.Equal("privileged", (string)bootstrap[0]["metadata"]!["labels"]!["pod-security.kubernetes.io/enforce"]!);
        Assert.Equal("restricted", (string)plain[0]["metadata"]!["labels"]!["pod-security.kubernetes.io/enforce"]!);
        Assert.True((bool)pod["containers"]![0]!["securityContext"]!["readOnlyRootFilesystem"]!); // the container stays locked down
    }

    [Fact]
    public void Build_SameSettings_SameYaml_AnImageOverrideIsUsed()
    {
        var first = AgentInstallObjects.ToYaml(AgentInstallObjects.Build(Settings()));
        var second = AgentInstallObjects.ToYaml(AgentInstallObjects.Build(Settings()));
        var mirrored = AgentInstallObjects.Build(Settings() with { Image = "registry.local:5000/edge/agent:1.2.3@sha256:" + new string('0', 64) });

        Assert.Equal(first, second);
        Assert.Equal(5, YamlLoader.Load("m.yaml", first).Documents.Count);
        Assert.Equal("registry.local:5000/edge/agent:1.2.3@sha256:" + new string('0', 64),
            (string)mirrored.Single(o => (string)o["kind"]! == "Deployment")["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]!);
    }

    [Theory]
    [InlineData("cluster", "Edge_A", "cluster 'Edge_A' must be a DNS-1123 label")]
    [InlineData("cluster", "", "cluster '' must be a DNS-1123 label")]
    [InlineData("hub", "http://hub.example.com:7443", "hub URL 'http://hub.example.com:7443' must be an absolute https://host:port URL")]
    [InlineData("hub", "https://hub.example.com:7443/agents", "hub URL 'https://hub.example.com:7443/agents' must be an absolute https://host:port URL")]
    [InlineData("hub", "https://user:pw@hub.example.com:7443", "without user, path, query or fragment")]
    [InlineData("token", "ep1.abcdefgh23.short.cccc", "the bootstrap token is malformed")]
    [InlineData("token", "ep2.abcdefgh23.abcdefghijklmnopqrstuvwxyz234567.cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc", "the bootstrap token is malformed")]
    [InlineData("version", "-1.0", "version '-1.0' is not an image tag")]
    [InlineData("version", "1.0 rc", "version '1.0 rc' is not an image tag")]
    [InlineData("image", "Registry/Agent:1", "image 'Registry/Agent:1' is not an image reference")]
    [InlineData("image", "ghcr.io/agent:1 --privileged", "is not an image reference")]
    public void Build_InvalidSetting_RefusedNamingIt_NeverEchoingTheSecret(string setting, string value, string expected)
    {
        var settings = setting switch
        {
            "cluster" => Settings() with { Cluster = value },
            "hub" => Settings() with { Hub = new Uri(value) },
            "token" => Settings() with { Token = value },
            "version" => Settings() with { Version = value },
            _ => Settings() with { Image = value },
        };

        var error = Assert.Throws<ArgumentException>(() => AgentInstallObjects.Build(settings));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void JoinSecret_ResourceSetCarrierOfTheManifests_TheTokenReadsBack()
    {
        var carrier = AgentJoinSecret.Build(Settings("prov-1"), "capi-clusters", new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero));

        Assert.Equal(ProvisioningContract.JoinSecretType, (string)carrier["type"]!);
        Assert.Equal(("edgeplane-join-prov-1", "capi-clusters"), ((string)carrier["metadata"]!["name"]!, (string)carrier["metadata"]!["namespace"]!));
        Assert.Equal("abcdefgh23", (string)carrier["metadata"]!["annotations"]![AgentJoinSecret.TokenIdAnnotation]!);
        Assert.Equal("2030-01-02T03:04:05Z", (string)carrier["metadata"]!["annotations"]![AgentJoinSecret.ExpiresAnnotation]!);
        Assert.DoesNotContain(Secret, carrier["metadata"]!.ToJsonString(), StringComparison.Ordinal);
        var payload = Decode(carrier["data"]![AgentJoinSecret.DataKey]);
        Assert.Equal(AgentInstallObjects.ToYaml(AgentInstallObjects.Build(Settings("prov-1") with { Bootstrap = true })), payload);
        Assert.Equal(Token, AgentJoinSecret.ReadToken(carrier));
        Assert.True(AgentJoinSecret.Is(carrier, "prov-1", "capi-clusters"));
        Assert.False(AgentJoinSecret.Is(carrier, "prov-1", "other"));
        Assert.False(AgentJoinSecret.Is(carrier, "prov", "capi-clusters"));
    }

    [Theory]
    [InlineData("not base64 !")]
    [InlineData("a2luZDogU2VjcmV0")] // "kind: Secret": no bootstrap Secret in it
    [InlineData("OiBbCg==")] // ": [" (not YAML)
    public void JoinSecret_ReadToken_UnreadablePayload_Null(string data)
    {
        var carrier = AgentJoinSecret.Build(Settings("prov-1"), "capi-clusters", null);
        carrier["data"]![AgentJoinSecret.DataKey] = data;

        Assert.Null(AgentJoinSecret.ReadToken(carrier));
    }

    [Fact]
    public void Render_HubObjects_LandInTheManagementBundle_OwnedByTheProvisionedCluster()
    {
        Overlay("templates", "clusters");
        var renderer = Renderer();
        var carrier = AgentJoinSecret.Build(Settings("prov-1"), "capi-clusters", null);
        carrier["metadata"]!["annotations"]!["edgeplane.dev/source"] = "Cluster/prov-1";
        var asked = new List<string>();
        var options = new RenderOptions
        {
            HubObjects = cluster =>
            {
                lock (asked)
                {
                    asked.Add(cluster);
                }
                return cluster == "cloud-1" ? [carrier] : [];
            },
        };

        var with = renderer.RenderAll(options).Bundles.ToDictionary(b => b.ClusterName);
        var without = renderer.RenderAll().Bundles.ToDictionary(b => b.ClusterName);

        var secret = Assert.Single(with["cloud-1"].Objects, o => o.Kind == "Secret" && o.Name == "edgeplane-join-prov-1");
        Assert.Equal(("capi-clusters", "Cluster/prov-1"), (secret.Namespace, secret.Source));
        Assert.Equal(Token, AgentJoinSecret.ReadToken(secret.ToJsonObject()));
        var namespaceAt = with["cloud-1"].Objects.ToList().FindIndex(o => o.Kind == "Namespace" && o.Name == "capi-clusters");
        Assert.True(namespaceAt >= 0 && namespaceAt < with["cloud-1"].Objects.ToList().IndexOf(secret), "the template namespace comes first");
        Assert.DoesNotContain(without["cloud-1"].Objects, o => o.Kind == "Secret" && o.Name == "edgeplane-join-prov-1");
        Assert.All(with.Keys.Where(k => k != "cloud-1"), k => Assert.Equal(without[k].Digest, with[k].Digest));
        Assert.Equal(with.Keys.Order(), asked.Distinct().Order());
    }

    [Fact]
    public void Render_HubObjectNamingNoProvisionedCluster_IsOwnedByTheBundlesCluster()
    {
        var renderer = Renderer();
        var config = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ConfigMap",
            ["metadata"] = new JsonObject { ["name"] = "hub-note", ["namespace"] = "default", ["annotations"] = new JsonObject { ["edgeplane.dev/source"] = "Cluster/elsewhere" } },
        };

        var bundle = renderer.Render("edge-a", new RenderOptions { HubObjects = c => c == "edge-a" ? [config] : [] }).Bundle!;

        Assert.Equal("Cluster/edge-a", Assert.Single(bundle.Objects, o => o.Name == "hub-note").Source);
    }

    private void Overlay(params string[] parts)
    {
        foreach (var part in parts)
        {
            var from = Path.Combine(AppContext.BaseDirectory, "testdata", "upgrades", part);
            foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            {
                _fleet.Write(Path.Combine(part, Path.GetRelativePath(from, file)), File.ReadAllText(file));
            }
        }
    }

    private FleetRenderer Renderer()
    {
        var loaded = FleetLoader.Load(_fleet.Root);
        Assert.True(loaded.Succeeded, string.Join("\n", loaded.Diagnostics));
        return new FleetRenderer(loaded.Fleet!);
    }

    private static string Decode(JsonNode? node) => Encoding.UTF8.GetString(Convert.FromBase64String((string)node!));
}

using System.Text.Json.Nodes;
using Edgeplane.Cli.Up.Kubelet;
using Edgeplane.KubeSim;
using Edgeplane.Rendering.Generators;
using k8s;
using k8s.Models;

namespace Edgeplane.Cli.Tests.Up;

/// <summary>
/// How <c>up</c>'s kubelet reads an agent Deployment (the generator's, in a KubeSim cluster): environment from the Secret,
/// <c>$(VAR)</c> expansion, the arguments parsed by <c>edgeplane agent</c>, and what keeps it from running.
/// </summary>
public sealed class AgentPodResolverTests : IAsyncLifetime
{
    private const string Token = "ep1.abcdefgh23.abcdefghijklmnopqrstuvwxyz234567.cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc";
    private KubeSimServer _sim = null!;
    private k8s.Kubernetes _client = null!;

    public async Task InitializeAsync()
    {
        _sim = await KubeSimServer.StartAsync(new KubeSimOptions { Port = 0 });
        _client = _sim.AddCluster("site-1").CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _sim.DisposeAsync();
    }

    [Theory]
    [InlineData("--hub=$(HUB)", "--hub=https://h:1")]
    [InlineData("$(HUB)/$(CLUSTER)", "https://h:1/site-1")]
    [InlineData("$(UNDEFINED)", "$(UNDEFINED)")]
    [InlineData("$$(HUB)", "$(HUB)")]
    [InlineData("cost: $5", "cost: $5")]
    [InlineData("$(HUB", "$(HUB")]
    public void Expand_AsKubernetesDoes(string text, string expected)
    {
        var env = new Dictionary<string, string> { ["HUB"] = "https://h:1", ["CLUSTER"] = "site-1" };

        Assert.Equal(expected, AgentPodResolver.Expand(text, env));
    }

    [Fact]
    public async Task Resolve_GeneratedDeploymentAndItsSecret_TheAgentItAsksFor()
    {
        var (secret, deployment) = Objects("site-1");
        await _client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = AgentInstallObjects.Namespace } });
        await _client.CoreV1.CreateNamespacedSecretAsync(secret, AgentInstallObjects.Namespace);

        var pod = await AgentPodResolver.ResolveAsync("site-1", deployment, _client, default);
        var again = await AgentPodResolver.ResolveAsync("site-1", deployment, _client, default);

        Assert.Equal(("site-1", "site-1", new Uri("https://hub.example.com:7443"), Token), (pod.VirtualCluster, pod.Cluster, pod.Hub, pod.Token));
        Assert.Equal(pod.TemplateHash, again.TemplateHash);
        deployment.Spec.Template.Metadata.Annotations[AgentInstallObjects.TokenIdAnnotation] = "otherid234";
        Assert.NotEqual(pod.TemplateHash, (await AgentPodResolver.ResolveAsync("site-1", deployment, _client, default)).TemplateHash);
        Assert.DoesNotContain(Token, pod.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resolve_SecretNotThereYet_RefusedNamingIt()
    {
        var (_, deployment) = Objects("site-1");

        var error = await Assert.ThrowsAsync<KubeletException>(() => AgentPodResolver.ResolveAsync("site-1", deployment, _client, default));

        Assert.Equal("Secret edgeplane-system/edgeplane-agent-bootstrap does not exist (yet)", error.Message);
    }

    [Fact]
    public async Task Resolve_NoAgentContainer_OrArgumentsTheAgentRefuses_RefusedSayingWhy()
    {
        var (_, deployment) = Objects("site-1");
        var container = deployment.Spec.Template.Spec.Containers[0];
        container.Env = [];
        container.Args = ["agent", "--hub", "https://hub.example.com:7443", "--state", "/s", "--no-such-flag"];
        var parse = await Assert.ThrowsAsync<KubeletException>(() => AgentPodResolver.ResolveAsync("site-1", deployment, _client, default));
        container.Command = ["sleep"];
        var other = await Assert.ThrowsAsync<KubeletException>(() => AgentPodResolver.ResolveAsync("site-1", deployment, _client, default));

        Assert.StartsWith("its arguments do not parse: ", parse.Message, StringComparison.Ordinal);
        Assert.Contains("--no-such-flag", parse.Message, StringComparison.Ordinal);
        Assert.Equal("the Deployment has no container running 'edgeplane agent'", other.Message);
    }

    private static (V1Secret Secret, V1Deployment Deployment) Objects(string cluster)
    {
        var objects = AgentInstallObjects.Build(new AgentInstallSettings
        {
            Cluster = cluster,
            Hub = new Uri("https://hub.example.com:7443"),
            Token = Token,
            Version = "1.0.0",
        });
        return (Typed<V1Secret>(objects, "Secret"), Typed<V1Deployment>(objects, "Deployment"));
    }

    private static T Typed<T>(IReadOnlyList<JsonObject> objects, string kind) =>
        KubernetesJson.Deserialize<T>(objects.Single(o => (string)o["kind"]! == kind).ToJsonString());
}

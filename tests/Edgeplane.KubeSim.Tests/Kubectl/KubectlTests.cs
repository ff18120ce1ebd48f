using System.Text.Json.Nodes;
using Edgeplane.KubeSim.Tests.Infrastructure;

namespace Edgeplane.KubeSim.Tests.Kubectl;

/// <summary>KubeSim checked by a client nobody here wrote: the real kubectl, each test on its own cluster and cache.</summary>
[Collection(SimCollection.Name)]
public sealed class KubectlTests(SimFixture sim)
{
    private Infrastructure.Kubectl NewKubectl(out KubeSimCluster cluster)
    {
        (cluster, _) = sim.NewCluster("kc");
        return new Infrastructure.Kubectl(sim.Server, cluster.Name);
    }

    [Fact]
    public async Task ApplyServerSide_DefaultFlags_CreatesThenUnchanged()
    {
        using var kubectl = NewKubectl(out var cluster);

        var first = await kubectl.OkAsync("apply", "--server-side", "-f", Fixtures.PathOf("configmap.yaml"));
        var second = await kubectl.OkAsync("apply", "--server-side", "-f", Fixtures.PathOf("configmap.yaml"));

        Assert.Equal("configmap/probe serverside-applied", first.Trim());
        Assert.Equal("configmap/probe serverside-applied", second.Trim());
        var stored = await cluster.CreateClient().GetAsync("", "v1", "configmaps", "default", "probe");
        Assert.Equal(["kubectl/Apply"], Generic.Managers(stored));
    }

    [Fact]
    public async Task GetJson_WithLabelSelector_ListsOnlyMatches()
    {
        using var kubectl = NewKubectl(out _);
        await kubectl.OkAsync("apply", "--server-side", "-f", Fixtures.PathOf("configmap.yaml"));
        await kubectl.OkAsync("create", "configmap", "other", "--from-literal=b=2");

        var json = JsonNode.Parse(await kubectl.OkAsync("get", "cm", "-l", "app=probe", "-o", "json"))!;

        var item = Assert.Single(json["items"]!.AsArray());
        Assert.Equal("probe", item!["metadata"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Patch_MergeAndStrategic_Applied()
    {
        using var kubectl = NewKubectl(out var cluster);
        await kubectl.OkAsync("apply", "--server-side", "-f", Fixtures.PathOf("deployment.yaml"));

        await kubectl.OkAsync("patch", "deploy", "web", "--type=merge", "-p", """{"spec":{"replicas":4}}""");
        await kubectl.OkAsync("patch", "deploy", "web", "-p", """{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.27"}]}}}}""");

        var deployment = await cluster.CreateClient().GetAsync("apps", "v1", "deployments", "default", "web");
        Assert.Equal(4, deployment["spec"]!["replicas"]!.GetValue<int>());
        var containers = deployment["spec"]!["template"]!["spec"]!["containers"]!.AsArray();
        Assert.Equal(["nginx:1.27", "busybox:1.36"], containers.Select(c => c!["image"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Delete_ThenGetFails()
    {
        using var kubectl = NewKubectl(out _);
        await kubectl.OkAsync("apply", "--server-side", "-f", Fixtures.PathOf("configmap.yaml"));

        var deleted = await kubectl.OkAsync("delete", "cm", "probe");
        var (code, _, stderr) = await kubectl.RunAsync("get", "cm", "probe");

        Assert.Contains("configmap \"probe\" deleted", deleted);
        Assert.NotEqual(0, code);
        Assert.Contains("configmaps \"probe\" not found", stderr);
    }

    [Fact]
    public async Task Crd_ThenObjectOfThatKind_ServedAndListedByShortName()
    {
        using var kubectl = NewKubectl(out _);

        await kubectl.OkAsync("apply", "--server-side", "-f", Fixtures.PathOf("widget-crd.yaml"));
        await kubectl.OkAsync("wait", "--for=condition=Established", "crd/gadgets.example.com", "--timeout=60s");
        var applied = await kubectl.OkAsync("apply", "--server-side", "-f", Fixtures.PathOf("gadget.yaml"));
        var listed = await kubectl.OkAsync("get", "gd", "-o", "name");

        Assert.Equal("gadget.example.com/g1 serverside-applied", applied.Trim());
        Assert.Equal("gadget.example.com/g1", listed.Trim());
    }

    [Fact]
    public async Task Wait_ForDeploymentAvailable_ConditionMet()
    {
        using var kubectl = NewKubectl(out _);
        await kubectl.OkAsync("apply", "--server-side", "-f", Fixtures.PathOf("deployment.yaml"));

        var output = await kubectl.OkAsync("wait", "--for=condition=Available", "deployment/web", "--timeout=60s");

        Assert.Equal("deployment.apps/web condition met", output.Trim());
    }

    [Fact]
    public async Task Replace_EditedObject_Stored()
    {
        using var kubectl = NewKubectl(out var cluster);
        await kubectl.OkAsync("apply", "--server-side", "-f", Fixtures.PathOf("configmap.yaml"));
        var yaml = await kubectl.OkAsync("get", "cm", "probe", "-o", "yaml");
        var edited = kubectl.Write("edited.yaml", yaml.Replace("a: \"1\"", "a: \"edited\"", StringComparison.Ordinal));

        var output = await kubectl.OkAsync("replace", "-f", edited);

        Assert.Equal("configmap/probe replaced", output.Trim());
        var stored = await cluster.CreateClient().GetAsync("", "v1", "configmaps", "default", "probe");
        Assert.Equal("edited", stored["data"]!["a"]!.GetValue<string>());
    }

    [Fact]
    public async Task Get_ShortNames_TableColumns()
    {
        using var kubectl = NewKubectl(out _);
        await kubectl.OkAsync("apply", "--server-side", "-f", Fixtures.PathOf("deployment.yaml"));
        await kubectl.OkAsync("wait", "--for=condition=Available", "deploy/web", "--timeout=60s");

        var deploy = await kubectl.OkAsync("get", "deploy");
        var namespaces = await kubectl.OkAsync("get", "ns", "-o", "name");
        var nodes = await kubectl.OkAsync("get", "no");

        Assert.Matches(@"NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE", deploy);
        Assert.Matches(@"web\s+2/2\s+2\s+2", deploy);
        Assert.Contains("namespace/kube-system", namespaces);
        Assert.Contains("v1.31.4", nodes);
    }

    [Fact]
    public async Task ApplyServerSide_UnknownField_RejectedByStrictValidation()
    {
        using var kubectl = NewKubectl(out _);
        var bad = kubectl.Write("bad.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bad\n  namespace: default\nbogus: 1\n");

        var (code, _, stderr) = await kubectl.RunAsync("apply", "--server-side", "-f", bad);

        Assert.NotEqual(0, code);
        Assert.Contains("unknown field \"bogus\"", stderr);
    }
}

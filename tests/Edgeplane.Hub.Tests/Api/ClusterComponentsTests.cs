using System.Text.Json.Nodes;
using Edgeplane.Hub.Api;
using Edgeplane.Hub.Api.Contracts;
using Edgeplane.Hub.Pipeline;
using Edgeplane.Hub.Tests.Fleet;

namespace Edgeplane.Hub.Tests.Api;

/// <summary>
/// A cluster's bundle grouped by the fleet resource behind each object (add-ons, applications, CNFs and VNFs), with
/// health from the last status report: on the renderer's real bundle for edge-fra-01 of examples/fleet, an edge site
/// that runs the <c>du</c> CNF and the <c>vrouter</c> VNF of workspace <c>ran</c> next to the edge-baseline add-ons.
/// </summary>
public sealed class ClusterComponentsTests
{
    private const string Site = "edge-fra-01";
    private const string Digest = "sha256:desired";

    private static readonly (Edgeplane.Rendering.EffectiveCluster Cluster, IReadOnlyList<JsonObject> Objects) Rendered = ExampleFleet.Render(Site);

    [Fact]
    public void Build_EdgeSite_EveryObjectInOneComponent_AddOnsWithVersions_DuIsACnf_VrouterIsAVnf()
    {
        var lists = Build(Report());

        Assert.Equal(Rendered.Objects.Count, All(lists).Sum(c => c.ObjectCount));
        Assert.Equal(0, lists.Truncated);
        Assert.Equal(["calico", "flux", "istio", "kubevirt", "monitoring-agent", "multus", "system-upgrade-controller"],
            lists.AddOns.Select(a => a.Name).Order(StringComparer.Ordinal));
        Assert.All(lists.AddOns, a =>
        {
            Assert.Equal(Rendered.Cluster.AddOnVersions[a.Name], a.Version);
            Assert.Equal($"AddOn/{a.Name}", a.Source);
            Assert.Null(a.Workspace);
        });
        Assert.Empty(lists.Applications);
        var du = lists.NetworkFunctions.Single(n => n.Name == "du");
        var vrouter = lists.NetworkFunctions.Single(n => n.Name == "vrouter");
        Assert.Equal(("CNF", "ran", "ran-du", new ObjectRef("apps/v1", "Deployment", "ran-du", "du")), (du.Kind, du.Workspace, du.Namespace, du.Workload));
        Assert.Equal(("VNF", "ran", "ran-vrouter", new ObjectRef("kubevirt.io/v1", "VirtualMachine", "ran-vrouter", "vrouter")),
            (vrouter.Kind, vrouter.Workspace, vrouter.Namespace, vrouter.Workload));
        Assert.Contains(vrouter.Objects, o => o.Kind == "NetworkAttachmentDefinition");
        Assert.Contains(lists.OtherSources, o => o.Source == "Workspace/ran" && o.Workspace == "ran");
        Assert.DoesNotContain(lists.OtherSources, o => o.Source.StartsWith("AddOn/", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_ReportOnTheDesiredBundle_ListedObjectsTakeTheirHealth_TheRestAreCurrent_TheWorstWins()
    {
        var details = Report(
            objects: [new ObjectHealthEntry("kubevirt.io/v1", "VirtualMachine", "ran-vrouter", "vrouter", "Failed", "VMI crashed")],
            drift: [new DriftDetail("apps/v1", "Deployment", "ran-du", "du", ["spec.replicas"])]);

        var lists = Build(details);

        var vrouter = lists.NetworkFunctions.Single(n => n.Name == "vrouter");
        Assert.Equal(new ComponentHealthResponse("Failed", vrouter.ObjectCount - 1, 0, 1, 0, 0), vrouter.Health);
        Assert.Equal(("Failed", "VMI crashed"), vrouter.Objects.Where(o => o.Kind == "VirtualMachine").Select(o => (o.Health, o.Message)).Single());
        var du = lists.NetworkFunctions.Single(n => n.Name == "du");
        Assert.Equal(new ComponentHealthResponse("Current", du.ObjectCount, 0, 0, 0, 1), du.Health);
        Assert.True(du.Objects.Single(o => o.Kind == "Deployment").Drifted);
        Assert.All(lists.AddOns, a => Assert.Equal(new ComponentHealthResponse("Current", a.ObjectCount, 0, 0, 0, 0), a.Health));
    }

    [Fact]
    public void Build_NoStatusReport_EveryObjectUnknown_AndSaysWhy()
    {
        var lists = Build(details: null, applied: null);

        Assert.All(All(lists), c => Assert.Equal(new ComponentHealthResponse("Unknown", 0, 0, 0, c.ObjectCount, 0), c.Health));
        Assert.All(All(lists).SelectMany(c => c.Objects), o => Assert.Equal("the agent has not reported its status yet", o.Message));
    }

    [Fact]
    public void Build_AppliedBundleIsAnOlderOne_ObjectsItLacksAreUnknown_ItsOthersJudged()
    {
        var older = ObjectIdentitySet.Of(Rendered.Objects.Select(Identity).Where(o => o.Namespace != "ran-vrouter"));
        var judge = new ObjectHealthJudge(Report(), "sha256:older", Digest, older);

        var lists = ClusterComponents.Build(Rendered.Objects, judge, Rendered.Cluster.AddOnVersions, null);

        var vrouter = lists.NetworkFunctions.Single(n => n.Name == "vrouter");
        Assert.Equal("Unknown", vrouter.Health.Status);
        Assert.All(vrouter.Objects.Where(o => o.Namespace == "ran-vrouter"), o => Assert.Equal("not in the bundle the agent applied last", o.Message));
        Assert.Equal("Current", lists.NetworkFunctions.Single(n => n.Name == "du").Health.Status);
    }

    [Fact]
    public void Build_ReportLeftObjectsOut_UnlistedObjectsAreUnknown()
    {
        var lists = Build(Report() with { TruncatedObjects = 3 });

        Assert.All(All(lists), c => Assert.Equal("Unknown", c.Health.Status));
        Assert.Equal("the last status report left 3 object(s) out", lists.AddOns[0].Objects[0].Message);
    }

    [Fact]
    public void Build_WorkspaceScopedCaller_GetsOnlyItsWorkspacesComponents_AndEveryAddOn()
    {
        var everyone = Build(Report());

        var other = ClusterComponents.Build(Rendered.Objects, Judge(Report()), Rendered.Cluster.AddOnVersions, ["analytics"]);
        var ran = ClusterComponents.Build(Rendered.Objects, Judge(Report()), Rendered.Cluster.AddOnVersions, ["ran"]);

        Assert.Empty(other.NetworkFunctions);
        Assert.DoesNotContain(other.OtherSources, o => o.Workspace == "ran");
        Assert.Equal(everyone.AddOns.Select(a => a.Name), other.AddOns.Select(a => a.Name));
        Assert.Equal(["du", "vrouter"], ran.NetworkFunctions.Select(n => n.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Build_OverTheLimits_ListsAtMostTheLimits_AndCountsEverything()
    {
        var objects = Enumerable.Range(0, ClusterComponentResponse.MaxObjects + 5).Select(i => Object("AddOn/big", $"big-{i}"))
            .Concat(Enumerable.Range(0, ClusterComponentResponse.MaxComponents + 3).Select(i => Object($"Application/app-{i}", $"app-{i}")))
            .ToList();

        var lists = ClusterComponents.Build(objects, new ObjectHealthJudge(Report(), Digest, Digest, null), new Dictionary<string, string>(), null);

        var big = Assert.Single(lists.AddOns);
        Assert.Equal((ClusterComponentResponse.MaxObjects + 5, ClusterComponentResponse.MaxObjects), (big.ObjectCount, big.Objects.Count));
        Assert.Equal("big-0", big.Objects[0].Name); // apply order
        Assert.Equal(ClusterComponentResponse.MaxComponents, lists.Applications.Count);
        Assert.Equal(3, lists.Truncated);
    }

    private static ClusterComponents.Lists Build(AgentStatusDetails? details, string? applied = Digest) =>
        ClusterComponents.Build(Rendered.Objects, new ObjectHealthJudge(details, applied, Digest, null), Rendered.Cluster.AddOnVersions, null);

    private static ObjectHealthJudge Judge(AgentStatusDetails details) => new(details, Digest, Digest, null);

    private static AgentStatusDetails Report(IReadOnlyList<ObjectHealthEntry>? objects = null, IReadOnlyList<DriftDetail>? drift = null) =>
        new(new ChangeSetCounts(0, 0, 0, 0, 0, 0), objects ?? [], drift ?? [], 0, Digest, null);

    private static IEnumerable<ClusterComponentResponse> All(ClusterComponents.Lists lists) =>
        lists.AddOns.Concat(lists.Applications).Concat(lists.NetworkFunctions).Concat(lists.OtherSources);

    private static (string ApiVersion, string Kind, string? Namespace, string Name) Identity(JsonObject o) =>
        ((string)o["apiVersion"]!, (string)o["kind"]!, (string?)o["metadata"]!["namespace"], (string)o["metadata"]!["name"]!);

    private static JsonObject Object(string source, string name) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "ConfigMap",
        ["metadata"] = new JsonObject
        {
            ["name"] = name, ["namespace"] = "big",
            ["annotations"] = new JsonObject { [ClusterComponents.SourceAnnotation] = source },
        },
    };
}

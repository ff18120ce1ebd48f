using Edgeplane.Agent.Status;
using k8s.Models;

namespace Edgeplane.Agent.Tests.Status;

public sealed class NodeReadinessTests
{
    [Fact]
    public void Of_EveryNodeReadyAtTheServerVersion_Ready()
    {
        var readiness = NodeReadiness.Of([Node("cp-1", true, "v1.31.2+k3s1"), Node("w-1", true, "v1.31.2+k3s1")], "v1.31.2+k3s1");

        Assert.Equal(new NodeReadiness(true, "NodesReady", "2 of 2 node(s) Ready at v1.31.2+k3s1"), readiness);
    }

    [Fact]
    public void Of_AWorkerBehindAndOneNotReady_NotReadyNamingThem()
    {
        var readiness = NodeReadiness.Of(
            [Node("cp-1", true, "v1.31.2+k3s1"), Node("w-1", true, "v1.30.4+k3s1"), Node("w-2", false, "v1.31.2+k3s1")], "v1.31.2+k3s1");

        Assert.Equal(new NodeReadiness(false, "NodesNotReady",
            "1 of 3 node(s) Ready at v1.31.2+k3s1; not yet: w-1 (kubelet v1.30.4+k3s1), w-2 (NotReady, kubelet v1.31.2+k3s1)"), readiness);
    }

    [Fact]
    public void Of_ManyBehindOrNone_CountsTheRestAndNamesNoNodes()
    {
        var many = NodeReadiness.Of(Enumerable.Range(1, 7).Select(i => Node($"w-{i}", false, "v1.30.4")).ToList(), "v1.31.2");
        var none = NodeReadiness.Of([], "v1.31.2");

        Assert.EndsWith("w-5 (NotReady, kubelet v1.30.4) and 2 more", many.Message);
        Assert.Equal((false, "the cluster has no nodes"), (none.Ready, none.Message));
        Assert.Null(NodeReadiness.Unknown("forbidden").Ready);
    }

    private static V1Node Node(string name, bool ready, string kubelet) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Status = new V1NodeStatus
        {
            Conditions = [new V1NodeCondition { Type = "Ready", Status = ready ? "True" : "False" }],
            NodeInfo = new V1NodeSystemInfo { KubeletVersion = kubelet },
        },
    };
}

using Edgeplane.Hub.Gateway.Status;
using Edgeplane.Protocol;
using Edgeplane.Protocol.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Edgeplane.Hub.Tests.Gateway;

/// <summary>A management cluster's report of the Cluster API clusters it provisions, as the hub takes it (bounded, cut, complete or not).</summary>
public sealed class ProvisionedStatusMappingTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ToStored_ProvisionedClusters_KeptWithTheirConditions_CompleteWhenNothingWasLeftOut()
    {
        var report = Report(1, Entry("p1", conditions: 2));
        report.ProvisionedClusters[0].DeletionTimestamp = Timestamp.FromDateTimeOffset(Now);

        var stored = StatusMapping.ToStored("mgmt", report, Now);
        var cut = Report(2, Entry("p1"));
        cut.TruncatedObjects = 3;
        var truncated = StatusMapping.ToStored("mgmt", cut, Now);

        var p1 = Assert.Single(stored.Provisioned);
        Assert.Equal(("p1", "capi", "p1", "Provisioning", true, false, Now.UtcDateTime), (p1.Cluster, p1.Namespace, p1.Name, p1.Phase, p1.InfrastructureProvisioned,
            p1.ControlPlaneInitialized, p1.DeletionTimestamp));
        Assert.Equal(["C0", "C1"], p1.Conditions.Select(c => c.Type));
        Assert.Equal(("False", "Waiting", new string('m', ProtocolLimits.MaxStatusMessageChars)), (p1.Conditions[0].Status, p1.Conditions[0].Reason, p1.Conditions[0].Message));
        Assert.True(stored.ProvisionedComplete);
        Assert.False(truncated.ProvisionedComplete);
    }

    [Fact]
    public void ToStored_OverTheLimits_RefusedNamingThem()
    {
        var many = Report(1, Enumerable.Range(0, ProtocolLimits.MaxProvisionedClustersPerStatus + 1).Select(i => Entry($"p{i}")).ToArray());
        var conditions = Report(2, Entry("p1", conditions: ProtocolLimits.MaxConditionsPerProvisionedCluster + 1));

        var e1 = Assert.Throws<RpcException>(() => StatusMapping.ToStored("mgmt", many, Now));
        var e2 = Assert.Throws<RpcException>(() => StatusMapping.ToStored("mgmt", conditions, Now));

        Assert.Equal(StatusCode.InvalidArgument, e1.StatusCode);
        Assert.Equal("status report 1 has 1001 provisioned cluster(s) with up to 0 condition(s) each; the limits are 1000 and 16", e1.Status.Detail);
        Assert.Equal("status report 2 has 1 provisioned cluster(s) with up to 17 condition(s) each; the limits are 1000 and 16", e2.Status.Detail);
    }

    private static StatusReport Report(ulong sequence, params ProvisionedCluster[] entries)
    {
        var report = new StatusReport { Sequence = sequence };
        report.ProvisionedClusters.AddRange(entries);
        return report;
    }

    private static ProvisionedCluster Entry(string cluster, int conditions = 0)
    {
        var entry = new ProvisionedCluster { Cluster = cluster, Namespace = "capi", Name = cluster, Phase = "Provisioning", InfrastructureProvisioned = true };
        entry.Conditions.AddRange(Enumerable.Range(0, conditions).Select(i => new Condition
        {
            Type = $"C{i}", Status = ConditionStatus.False, Reason = "Waiting", Message = new string('m', ProtocolLimits.MaxStatusMessageChars + 10),
        }));
        return entry;
    }
}

using Edgeplane.Kubernetes.Api;
using Edgeplane.Kubernetes.Apply;
using Edgeplane.Kubernetes.Objects;
using Edgeplane.Kubernetes.Tests.Support;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Time.Testing;

namespace Edgeplane.Kubernetes.Tests.Apply;

public sealed class ConflictAndRetryTests(KubeSimFixture sim) : IClassFixture<KubeSimFixture>
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Apply_FieldOwnedByAnotherManager_ForceTakesItOver()
    {
        var cluster = sim.NewCluster(nameof(Apply_FieldOwnedByAnotherManager_ForceTakesItOver));
        await ApplyAsOpsAsync(cluster, "theirs");

        var result = await cluster.ApplyAsync("app", Fixtures.ConfigMap("default", "shared", value: "ours"));

        Assert.True(result.Succeeded, string.Join("\n", result.Failures));
        Assert.Equal(ChangeAction.Configured, result.ChangeSet.For(new ObjectRef("", "ConfigMap", "default", "shared"))!.Action);
        var live = await cluster.Client.CoreV1.ReadNamespacedConfigMapAsync("shared", "default");
        Assert.Equal("ours", live.Data["key"]);
        Assert.Contains("f:key", live.Metadata.ManagedFields.Single(m => m.Manager == "edgeplane").FieldsV1.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_FieldOwnedByAnotherManagerWithFailPolicy_409ConflictNamesFieldAndManager()
    {
        var cluster = sim.NewCluster(nameof(Apply_FieldOwnedByAnotherManagerWithFailPolicy_409ConflictNamesFieldAndManager));
        await ApplyAsOpsAsync(cluster, "theirs");

        var result = await cluster.Applier(new ApplierOptions { Conflicts = ConflictPolicy.Fail })
            .ApplyAsync(cluster.Request("app", Fixtures.ConfigMap("default", "shared", value: "ours")));

        var failure = Assert.Single(result.Failures);
        Assert.Equal(ApplyPhase.DryRun, failure.Phase);
        Assert.Equal(409, failure.StatusCode);
        Assert.Equal("Conflict", failure.Reason);
        Assert.Contains(".data.key", failure.Message, StringComparison.Ordinal);
        Assert.Contains("conflict with \"ops\"", failure.Message, StringComparison.Ordinal);
        Assert.Equal("theirs", (await cluster.Client.CoreV1.ReadNamespacedConfigMapAsync("shared", "default")).Data["key"]);
    }

    [Fact]
    public async Task Apply_Throttled_WaitsExactlyRetryAfterThenSucceeds()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-27T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var retried = new TaskCompletionSource<RetryAttempt>(TaskCreationOptions.RunContinuationsAsynchronously);
        var options = new ClusterConnectionOptions { Retry = new RetryOptions { OnRetry = a => retried.TrySetResult(a) } };
        var cluster = sim.NewCluster(nameof(Apply_Throttled_WaitsExactlyRetryAfterThenSucceeds), options, time);
        cluster.Sim.Faults.ThrottleNext(1, retryAfterSeconds: 7);

        var apply = cluster.ApplyAsync("app", Fixtures.Namespace("web"));
        var attempt = await retried.Task.WaitAsync(Guard);

        Assert.Equal(TimeSpan.FromSeconds(7), attempt.Delay);
        Assert.True(attempt.FromRetryAfter);
        Assert.Equal(429, attempt.Failure.StatusCode);
        time.Advance(TimeSpan.FromSeconds(6.9));
        Assert.False(apply.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(0.1));
        var result = await apply.WaitAsync(Guard);
        Assert.True(result.Succeeded, string.Join("\n", result.Failures));
        Assert.Equal(ChangeAction.Created, result.ChangeSet.For(new ObjectRef("", "Namespace", null, "web"))!.Action);
    }

    [Fact]
    public async Task Apply_TransientServerErrors_RetriedWithBackoffAndSucceeds()
    {
        var delays = new List<RetryAttempt>();
        var options = new ClusterConnectionOptions
        {
            Retry = TestCluster.FastRetries.Retry with { OnRetry = a => { lock (delays) { delays.Add(a); } } },
        };
        var cluster = sim.NewCluster(nameof(Apply_TransientServerErrors_RetriedWithBackoffAndSucceeds), options);
        cluster.Sim.Faults.FailNext(2, 503);

        var result = await cluster.ApplyAsync("app", Fixtures.Namespace("web"));

        Assert.True(result.Succeeded, string.Join("\n", result.Failures));
        Assert.Equal([503, 503], delays.Select(d => d.Failure.StatusCode));
        Assert.All(delays, d => Assert.False(d.FromRetryAfter));
        Assert.InRange(delays[0].Delay, TimeSpan.Zero, TimeSpan.FromMilliseconds(5));
        Assert.InRange(delays[1].Delay, TimeSpan.Zero, TimeSpan.FromMilliseconds(10));
    }

    [Fact]
    public async Task Apply_ServerErrorsOutlastRetries_TypedFailureAndNothingWritten()
    {
        var cluster = sim.NewCluster(nameof(Apply_ServerErrorsOutlastRetries_TypedFailureAndNothingWritten));
        cluster.Sim.Faults.FailNext(100, 500);
        await cluster.Sim.WhenControllersIdleAsync(); // witness below: the simulated controllers' status writes have landed
        var before = cluster.Sim.ResourceVersion;

        var result = await cluster.ApplyAsync("app", Fixtures.Namespace("web"));
        var pending = cluster.Sim.Faults.PendingErrors;
        cluster.Sim.Faults.Clear();

        Assert.Equal(100 - TestCluster.FastRetries.Retry.MaxAttempts, pending);
        var failure = Assert.Single(result.Failures);
        Assert.Equal(ApplyPhase.Inventory, failure.Phase);
        Assert.Equal(500, failure.StatusCode);
        Assert.Equal(new ObjectRef("", "ConfigMap", "edgeplane-system", "edgeplane-inventory-app"), failure.Object);
        Assert.StartsWith("Inventory ConfigMap edgeplane-system/edgeplane-inventory-app: 500 ", failure.ToString(), StringComparison.Ordinal);
        Assert.Equal(before, cluster.Sim.ResourceVersion);
    }

    private static async Task ApplyAsOpsAsync(TestCluster cluster, string value)
    {
        var body = """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"shared","namespace":"default"},"data":{"key":"VALUE"}}""".Replace("VALUE", value, StringComparison.Ordinal);
        await cluster.Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch(body, V1Patch.PatchType.ApplyPatch), "shared", "default",
            fieldManager: "ops", force: true);
    }
}

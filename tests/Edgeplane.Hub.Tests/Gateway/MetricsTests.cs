using System.Globalization;
using Edgeplane.Hub.Gateway;
using Edgeplane.Hub.Tests.Gateway.Support;
using Edgeplane.Hub.Tests.Infrastructure;
using Edgeplane.Protocol.V1;
using Grpc.Core;

namespace Edgeplane.Hub.Tests.Gateway;

/// <summary>The gateway's Prometheus metrics, scraped from the hub's <c>/metrics</c> after real gateway traffic.</summary>
public sealed class MetricsTests
{
    [Fact]
    public async Task Metrics_AfterConnectsStatusAndFetch_CountWhatHappened()
    {
        var options = new GatewayOptions { ConnectRate = 0.001, ConnectBurst = 1 };
        await using var scenario = await GatewayScenario.StartAsync(StoreKind.Sqlite, options);
        using var agent = await scenario.EnrolAsync("edge-site-1");
        using var turnedAway = await scenario.EnrolAsync("cloud-eu");
        var digest = (await agent.ConnectAsync()).Welcome.Target.Digest;
        Assert.Equal(GoodbyeReason.Overloaded, (await turnedAway.ConnectAsync()).Goodbye.Reason);
        await Assert.ThrowsAsync<RpcException>(() => turnedAway.NextAsync());
        await agent.SendStatusAsync(GatewayAgent.Status(1, applied: digest));
        await agent.NextAsync();
        await agent.SendStatusAsync(GatewayAgent.Status(1, applied: digest)); // resent: a duplicate
        await agent.NextAsync();
        var bytes = (await agent.FetchAsync(digest)).Sum(c => c.Data.Length);

        var metrics = Parse(await scenario.Host.Client.GetStringAsync("/metrics"));

        Assert.Equal(1, metrics["edgeplane_gateway_connected_agents"]);
        Assert.Equal(1, metrics["edgeplane_gateway_connects_total{outcome=\"accepted\"}"]);
        Assert.Equal(1, metrics["edgeplane_gateway_connects_total{outcome=\"admission_rejected\"}"]);
        Assert.Equal(1, metrics["edgeplane_gateway_admission_rejections_total{kind=\"stream\"}"]);
        Assert.Equal(1, metrics["edgeplane_gateway_targets_pushed_total"]);
        Assert.Equal(1, metrics["edgeplane_gateway_status_reports_total{outcome=\"applied\"}"]);
        Assert.Equal(1, metrics["edgeplane_gateway_status_reports_total{outcome=\"duplicate\"}"]);
        Assert.Equal(1, metrics["edgeplane_gateway_bundle_fetches_total{outcome=\"served\"}"]);
        Assert.Equal(bytes, metrics["edgeplane_gateway_bundle_bytes_total"]);
        Assert.True(bytes > 0);
        Assert.Equal(2, metrics["edgeplane_gateway_status_ack_latency_seconds_count"]);
    }

    /// <summary>Prometheus text format: "name{labels} value" per sample; comments skipped.</summary>
    private static Dictionary<string, double> Parse(string text) => text.Split('\n')
        .Where(line => line.Length > 0 && line[0] != '#')
        .Select(line => line.Split(' '))
        .ToDictionary(parts => parts[0], parts => double.Parse(parts[1], CultureInfo.InvariantCulture), StringComparer.Ordinal);
}

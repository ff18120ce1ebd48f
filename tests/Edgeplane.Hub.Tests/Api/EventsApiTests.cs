using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Edgeplane.Hub.Auth;
using Edgeplane.Hub.Events;
using Edgeplane.Hub.Tests.Auth;
using Edgeplane.Hub.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Edgeplane.Hub.Tests.Api;

/// <summary><c>GET /api/v1/events</c>: server-sent events naming what changed, authorised and scoped like the API.</summary>
public sealed class EventsApiTests
{
    [Fact]
    public async Task Stream_SaysHello_ThenNamesTheRevisionTheClustersAndTheAudit_WhenACommitIsApplied()
    {
        await using var scenario = await HubScenario.StartAsync(StoreKind.Sqlite, configure: o => o with { EventCoalesce = TimeSpan.Zero });
        await using var stream = await EventStream.OpenAsync(scenario, scenario.Token);
        await stream.NextAsync("hello");

        scenario.Repo.Write("common/extra.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\n  namespace: platform\n");
        var revision = await scenario.CommitAndProcessAsync("add extra");

        // In whatever order the hub's writes announce them (each kind may come more than once).
        var wanted = new Dictionary<string, Func<JsonObject, bool>>
        {
            ["revisions"] = d => d["shas"]!.AsArray().Any(s => (string?)s == revision.Sha),
            ["clusters"] = d => d["names"]!.AsArray().Any(n => (string?)n == "edge-site-1"),
            ["audit"] = _ => true,
        };
        while (wanted.Count > 0)
        {
            var (name, data) = await stream.NextAsync();
            if (wanted.TryGetValue(name, out var match) && match(data))
            {
                wanted.Remove(name);
            }
        }
    }

    [Fact]
    public async Task WorkspaceMember_HearsOnlyOfTheClustersItMayRead()
    {
        await using var scenario = await HubScenario.StartAsync(StoreKind.Sqlite, configure: o => o with { EventCoalesce = TimeSpan.Zero },
            compiler: new WorkspaceTestCompiler());
        var member = await Callers.MintAsync(scenario.Host, HubRoles.WorkspaceMember, "ran");
        await using var stream = await EventStream.OpenAsync(scenario, member);
        await stream.NextAsync("hello");

        scenario.Host.App.Services.GetRequiredService<FleetEvents>().ClustersChanged(["cloud-eu", "edge-site-1"]);

        var clusters = await stream.NextAsync("clusters");
        Assert.Equal(["edge-site-1"], clusters["names"]!.AsArray().Select(n => (string?)n));
    }

    [Fact]
    public async Task TooManyNamesAtOnce_AreOneReset()
    {
        await using var scenario = await HubScenario.StartAsync(StoreKind.Sqlite, configure: o => o with { EventCoalesce = TimeSpan.Zero });
        await using var stream = await EventStream.OpenAsync(scenario, scenario.Token);
        await stream.NextAsync("hello");

        scenario.Host.App.Services.GetRequiredService<FleetEvents>().ClustersChanged(Enumerable.Range(0, 1001).Select(i => $"site-{i}").ToList());

        await stream.NextAsync("reset");
    }

    [Fact]
    public async Task WithoutAToken_401_AndNoStream()
    {
        await using var scenario = await HubScenario.StartAsync(StoreKind.Sqlite);

        using var response = await scenario.Host.Anonymous.GetAsync("/api/v1/events", HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, scenario.Host.App.Services.GetRequiredService<FleetEvents>().SubscriberCount);
    }
}

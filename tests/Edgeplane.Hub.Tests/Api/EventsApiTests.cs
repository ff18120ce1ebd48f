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

    /// <summary>An open event stream, read frame by frame.</summary>
    private sealed class EventStream : IAsyncDisposable
    {
        private readonly HttpResponseMessage _response;
        private readonly StreamReader _reader;

        private EventStream(HttpResponseMessage response, StreamReader reader)
        {
            _response = response;
            _reader = reader;
        }

        public static async Task<EventStream> OpenAsync(HubScenario scenario, string token)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/events");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var response = await scenario.Host.Anonymous.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
            return new EventStream(response, new StreamReader(await response.Content.ReadAsStreamAsync()));
        }

        /// <summary>Reads frames until one named <paramref name="name"/> whose data matches; returns its data.</summary>
        public async Task<JsonObject> NextAsync(string name, Func<JsonObject, bool>? match = null)
        {
            while (true)
            {
                var (next, data) = await NextAsync();
                if (next == name && (match is null || match(data)))
                {
                    return data;
                }
            }
        }

        /// <summary>The next named event and its data.</summary>
        public async Task<(string Name, JsonObject Data)> NextAsync()
        {
            using var timeout = new CancellationTokenSource(HubHost.Timeout);
            while (true)
            {
                string? eventName = null;
                string? data = null;
                string? line;
                while ((line = await ReadLineAsync(timeout.Token)) is not null && line.Length > 0)
                {
                    if (line.StartsWith("event: ", StringComparison.Ordinal))
                    {
                        eventName = line["event: ".Length..];
                    }
                    else if (line.StartsWith("data: ", StringComparison.Ordinal))
                    {
                        data = line["data: ".Length..];
                    }
                }
                Assert.True(line is not null, "the stream ended");
                if (eventName is null)
                {
                    continue; // a keep-alive comment
                }
                return (eventName, JsonNode.Parse(data!)!.AsObject());
            }
        }

        private async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
        {
            try
            {
                return await _reader.ReadLineAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"no event within {HubHost.Timeout.TotalSeconds:0} s");
            }
        }

        public ValueTask DisposeAsync()
        {
            _reader.Dispose();
            _response.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}

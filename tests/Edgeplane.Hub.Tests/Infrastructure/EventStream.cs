using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace Edgeplane.Hub.Tests.Infrastructure;

/// <summary>An open event stream, read frame by frame.</summary>
internal sealed class EventStream : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private EventStream(HttpResponseMessage response, StreamReader reader)
    {
        _response = response;
        _reader = reader;
    }

    public static Task<EventStream> OpenAsync(HubScenario scenario, string token) => OpenAsync(scenario.Host, token);

    public static async Task<EventStream> OpenAsync(HubHost host, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/events");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await host.Anonymous.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
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

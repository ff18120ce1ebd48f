using System.Text.Json.Nodes;

namespace Edgeplane.KubeSim.Tests.Infrastructure;

/// <summary>A watch read line by line over plain HTTP, for what the typed client hides (BOOKMARK, ERROR).</summary>
public sealed class RawWatch : IAsyncDisposable
{
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };
    private HttpResponseMessage? _response;
    private StreamReader? _reader;

    public static async Task<RawWatch> OpenAsync(Uri url)
    {
        var watch = new RawWatch();
        watch._response = await watch._http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
        watch._response.EnsureSuccessStatusCode();
        watch._reader = new StreamReader(await watch._response.Content.ReadAsStreamAsync());
        return watch;
    }

    /// <summary>The next event, or null when the server ended the stream. Fails after 30 s.</summary>
    public async Task<JsonObject?> NextAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var line = await _reader!.ReadLineAsync(timeout.Token);
        return line is null ? null : JsonNode.Parse(line)!.AsObject();
    }

    public async ValueTask DisposeAsync()
    {
        _reader?.Dispose();
        _response?.Dispose();
        _http.Dispose();
        await Task.CompletedTask;
    }
}

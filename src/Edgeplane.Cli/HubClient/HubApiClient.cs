using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Edgeplane.Hub.Api.Contracts;

namespace Edgeplane.Cli.HubClient;

/// <summary>A small client of the hub's REST API (<c>/api/v1</c>) for the CLI. Problem details become the error text.</summary>
internal sealed partial class HubApiClient : IDisposable
{
    /// <summary>Most pages followed when listing everything (at 1,000 a page: one million items).</summary>
    private const int MaxPages = 1000;

    /// <summary>
    /// The hub's JSON conventions (web defaults, enums as strings) with its escaping too (ASP.NET Core's relaxed encoder),
    /// so that <c>-o json</c> writes <c>→</c> as the API does, not <c>\u2192</c>.
    /// </summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly HttpClient _http;
    private readonly HubTls? _tls;

    /// <summary>A client that checks an https hub's certificate with <paramref name="tls"/>.</summary>
    public HubApiClient(Uri hub, string token, HubTls tls)
        : this(hub, token, (tls ?? throw new ArgumentNullException(nameof(tls))).CreateHandler())
    {
        _tls = tls;
    }

    public HubApiClient(Uri hub, string token, HttpMessageHandler? handler = null)
    {
        _http = handler is null ? new HttpClient() : new HttpClient(handler);
        _http.BaseAddress = hub;
        _http.Timeout = TimeSpan.FromSeconds(30);
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    public Task<FleetSummaryResponse> GetFleetAsync(CancellationToken cancellationToken) =>
        SendAsync<FleetSummaryResponse>(HttpMethod.Get, "api/v1/fleet", cancellationToken);

    public Task<ClusterDetailResponse> GetClusterAsync(string name, CancellationToken cancellationToken) =>
        SendAsync<ClusterDetailResponse>(HttpMethod.Get, $"api/v1/clusters/{Uri.EscapeDataString(name)}", cancellationToken);

    /// <summary>The cluster <paramref name="name"/>, or null when the hub does not list it (404).</summary>
    public Task<ClusterDetailResponse?> FindClusterAsync(string name, CancellationToken cancellationToken) =>
        SendAsync<ClusterDetailResponse?>(HttpMethod.Get, $"api/v1/clusters/{Uri.EscapeDataString(name)}", cancellationToken, notFoundIsNull: true);

    public Task<RevisionResponse> GetRevisionAsync(string sha, CancellationToken cancellationToken) =>
        SendAsync<RevisionResponse>(HttpMethod.Get, $"api/v1/revisions/{Uri.EscapeDataString(sha)}", cancellationToken);

    /// <summary>The revision <paramref name="sha"/>, or null while the hub has not seen it (404).</summary>
    public Task<RevisionResponse?> FindRevisionAsync(string sha, CancellationToken cancellationToken) =>
        SendAsync<RevisionResponse?>(HttpMethod.Get, $"api/v1/revisions/{Uri.EscapeDataString(sha)}", cancellationToken, notFoundIsNull: true);

    public Task<RevisionResponse> ApproveAsync(string sha, CancellationToken cancellationToken) =>
        SendAsync<RevisionResponse>(HttpMethod.Post, $"api/v1/revisions/{Uri.EscapeDataString(sha)}/approve", cancellationToken);

    /// <summary>Every cluster matching the query (follows continue tokens).</summary>
    public Task<List<ClusterResponse>> ListClustersAsync(string query, CancellationToken cancellationToken) =>
        ListAllAsync<ClusterResponse>("api/v1/clusters", query, cancellationToken);

    /// <summary>The newest <paramref name="limit"/> revisions.</summary>
    public async Task<IReadOnlyList<RevisionResponse>> ListRevisionsAsync(int limit, CancellationToken cancellationToken) =>
        (await SendAsync<PageResponse<RevisionResponse>>(HttpMethod.Get, $"api/v1/revisions?limit={limit}", cancellationToken)).Items;

    private async Task<List<T>> ListAllAsync<T>(string path, string query, CancellationToken cancellationToken)
    {
        var items = new List<T>();
        string? next = null;
        for (var page = 0; page < MaxPages; page++)
        {
            var url = $"{path}?limit=1000{(query.Length > 0 ? "&" + query : "")}{(next is null ? "" : "&continue=" + Uri.EscapeDataString(next))}";
            var result = await SendAsync<PageResponse<T>>(HttpMethod.Get, url, cancellationToken).ConfigureAwait(false);
            items.AddRange(result.Items);
            if ((next = result.Continue) is null)
            {
                return items;
            }
        }
        throw new HubClientException($"more than {MaxPages} pages of results; narrow the query");
    }

    private async Task<T> SendAsync<T>(HttpMethod method, string path, CancellationToken cancellationToken, HttpContent? content = null,
        bool notFoundIsNull = false)
    {
        using (var response = await SendRequestAsync(method, path, content, cancellationToken).ConfigureAwait(false))
        {
            if (notFoundIsNull && response.StatusCode == HttpStatusCode.NotFound)
            {
                return default!;
            }
            if (!response.IsSuccessStatusCode)
            {
                throw new HubClientException(await ProblemTextAsync(response, cancellationToken).ConfigureAwait(false),
                    transient: (int)response.StatusCode >= 500);
            }
            return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken).ConfigureAwait(false)
                ?? throw new HubClientException($"the hub answered {path} with an empty body");
        }
    }

    /// <summary>Sends one request; a hub that cannot be reached, fails TLS or does not answer in time is a <see cref="HubClientException"/>.</summary>
    private async Task<HttpResponseMessage> SendRequestAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(method, path) { Content = content };
            return await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException error) when (error.HttpRequestError == HttpRequestError.SecureConnectionError)
        {
            throw new HubClientException(TlsFailure(error));
        }
        catch (HttpRequestException error)
        {
            throw new HubClientException($"cannot reach the hub at {_http.BaseAddress}: {error.Message}", transient: true);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new HubClientException($"the hub at {_http.BaseAddress} did not answer within {_http.Timeout.TotalSeconds:F0} s", transient: true);
        }
    }

    private string TlsFailure(HttpRequestException error)
    {
        var reason = _tls?.LastRejection ?? error.InnerException?.Message ?? error.Message;
        var hint = _tls?.CaCertificatePem is null
            ? "if the hub serves a certificate from its own CA, pass --ca-file with that CA (on the hub: <data>/identity/ca.crt)"
            : "check that --ca-file (or the CA saved by 'edgeplane login') is the CA of this hub";
        return $"TLS handshake with the hub at {_http.BaseAddress} failed: {reason}; {hint}";
    }

    private static async Task<string> ProblemTextAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = $"{(int)response.StatusCode} {response.ReasonPhrase}";
        try
        {
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken).ConfigureAwait(false);
            var detail = problem.TryGetProperty("detail", out var d) ? d.GetString() : null;
            var hint = response.StatusCode == HttpStatusCode.Unauthorized ? " (log in with 'edgeplane login --hub URL --token T')" : "";
            return detail is null ? $"hub answered {status}" : $"hub answered {status}: {detail}{hint}";
        }
        catch (JsonException)
        {
            return $"hub answered {status}";
        }
    }

    public void Dispose() => _http.Dispose();
}

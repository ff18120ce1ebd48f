using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Edgeplane.Hub.Auth;

/// <summary>
/// The issuer's discovery document and signing keys (JWKS), read on first use, kept for
/// <see cref="OidcOptions.KeysRefreshInterval"/>, and read again early (at most once per
/// <see cref="OidcOptions.KeysMinimumRefreshInterval"/>) when a token names an unknown key. Unlike the library's
/// <c>ConfigurationManager</c>, an early read happens before the token is validated, not in the background after it
/// failed, so the first token signed by a rotated-in key is accepted. When a read fails the last good keys stay in use.
/// Times come from the hub's <see cref="TimeProvider"/>.
/// </summary>
internal sealed partial class OidcKeySource : IConfigurationManager<OpenIdConnectConfiguration>, IDisposable
{
    /// <summary>Longest discovery document or JWKS read (1 MiB) and longest wait for one (10 s).</summary>
    public const int MaxDocumentBytes = 1024 * 1024;
    public static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(10);

    private readonly OidcOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<OidcKeySource> _logger;
    private readonly HttpClient _http;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private State _state = new(null, DateTimeOffset.MinValue, DateTimeOffset.MinValue, null);

    public OidcKeySource(OidcOptions options, TimeProvider time, ILogger<OidcKeySource> logger, HttpMessageHandler? handler = null)
    {
        _options = options;
        _time = time;
        _logger = logger;
        _http = new HttpClient(handler ?? new SocketsHttpHandler(), disposeHandler: true)
        {
            Timeout = ReadTimeout,
            MaxResponseContentBufferSize = MaxDocumentBytes,
        };
    }

    public string MetadataAddress => OidcAuthentication.MetadataAddress(_options.Issuer);

    /// <summary>Whether the keys last read include one with this <c>kid</c>.</summary>
    public bool Knows(string kid) =>
        Volatile.Read(ref _state).Configuration?.SigningKeys.Any(k => string.Equals(k.KeyId, kid, StringComparison.Ordinal)) == true;

    public async Task<OpenIdConnectConfiguration> GetConfigurationAsync(CancellationToken cancel)
    {
        if (Fresh() is { } fresh)
        {
            return fresh;
        }
        await _gate.WaitAsync(cancel).ConfigureAwait(false);
        try
        {
            return Fresh() ?? await ReadAsync(cancel).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Makes the next <see cref="GetConfigurationAsync"/> read the keys again, unless a read happened too recently.</summary>
    public void RequestRefresh()
    {
        var state = Volatile.Read(ref _state);
        var now = _time.GetUtcNow();
        if (now - state.LastRead >= _options.KeysMinimumRefreshInterval)
        {
            Interlocked.CompareExchange(ref _state, state with { RefreshAfter = now }, state);
        }
    }

    public void Dispose()
    {
        _http.Dispose();
        _gate.Dispose();
    }

    private OpenIdConnectConfiguration? Fresh()
    {
        var state = Volatile.Read(ref _state);
        return state.Configuration is { } configuration && _time.GetUtcNow() < state.RefreshAfter ? configuration : null;
    }

    private async Task<OpenIdConnectConfiguration> ReadAsync(CancellationToken cancel)
    {
        var state = Volatile.Read(ref _state);
        var now = _time.GetUtcNow();
        if (state.Configuration is null && state.LastError is not null && now - state.LastRead < _options.KeysMinimumRefreshInterval)
        {
            throw new OidcKeysUnavailableException(state.LastError);
        }
        try
        {
            var configuration = await FetchAsync(cancel).ConfigureAwait(false);
            Volatile.Write(ref _state, new State(configuration, now + _options.KeysRefreshInterval, now, null));
            LogKeysRead(_logger, MetadataAddress, configuration.SigningKeys.Count);
            return configuration;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancel.IsCancellationRequested)
        {
            var error = $"the OIDC issuer's keys could not be read from {MetadataAddress}: {e.Message}";
            LogKeysReadFailed(_logger, MetadataAddress, e.Message);
            Volatile.Write(ref _state, new State(state.Configuration, now + _options.KeysMinimumRefreshInterval, now, error));
            return state.Configuration ?? throw new OidcKeysUnavailableException(error);
        }
    }

    private async Task<OpenIdConnectConfiguration> FetchAsync(CancellationToken cancel)
    {
        var retriever = new HttpDocumentRetriever(_http) { RequireHttps = !OidcAuthentication.IsLoopback(_options.Issuer) };
        var configuration = await OpenIdConnectConfigurationRetriever.GetAsync(MetadataAddress, retriever, cancel).ConfigureAwait(false);
        if (!string.Equals(configuration.Issuer, _options.Issuer, StringComparison.Ordinal))
        {
            // OpenID Connect Discovery 1.0 §4.3: the document's issuer must be the one asked for (a mix-up defence).
            throw new InvalidOperationException($"its discovery document names issuer '{configuration.Issuer}', not '{_options.Issuer}'");
        }
        return configuration.SigningKeys.Count > 0 ? configuration
            : throw new InvalidOperationException("its JWKS has no signing key");
    }

    [LoggerMessage(EventId = 2651, Level = LogLevel.Information, Message = "Read the OIDC discovery document {Address}: {KeyCount} signing keys")]
    private static partial void LogKeysRead(ILogger logger, string address, int keyCount);

    [LoggerMessage(EventId = 2652, Level = LogLevel.Warning, Message = "Could not read the OIDC discovery document or keys at {Address}: {Error}")]
    private static partial void LogKeysReadFailed(ILogger logger, string address, string error);

    private sealed record State(OpenIdConnectConfiguration? Configuration, DateTimeOffset RefreshAfter, DateTimeOffset LastRead, string? LastError);
}

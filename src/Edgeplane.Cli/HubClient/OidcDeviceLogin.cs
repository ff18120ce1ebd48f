using System.Net;
using System.Text.Json;

namespace Edgeplane.Cli.HubClient;

/// <summary>
/// The OAuth 2.0 device authorization grant (RFC 8628) against an OpenID Connect issuer's discovery document: ask for
/// a device and user code, show the user where to enter it, poll the token endpoint honouring <c>interval</c> and
/// <c>slow_down</c> until the user approves, denies, or time runs out; and the refresh grant (RFC 6749 §6). Every wait
/// is on <see cref="TimeProvider"/>.
/// </summary>
internal sealed class OidcDeviceLogin(HttpClient http, TimeProvider time)
{
    /// <summary>Scopes asked for: an id_token with the email and groups, and a refresh token.</summary>
    public const string Scopes = "openid email profile groups offline_access";

    /// <summary>Most token-endpoint polls in one login, whatever the interval (a bound when an issuer announces 0 s).</summary>
    public const int MaxPolls = 1000;

    /// <summary>How long the user has to approve, unless the issuer's device code expires sooner (default 5 min).</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(5);

    /// <summary>RFC 8628 §3.5: the interval grows by 5 s on each <c>slow_down</c>, and is 5 s when the issuer names none.</summary>
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(5);

    public async Task<OidcTokens> LoginAsync(Uri issuer, string clientId, TextWriter output, TimeSpan timeout, CancellationToken ct)
    {
        var endpoints = await OidcEndpoints.DiscoverAsync(http, issuer, ct).ConfigureAwait(false);
        if (endpoints.DeviceAuthorization is not { } deviceEndpoint)
        {
            throw new HubClientException($"the issuer {issuer} does not offer the device flow (no device_authorization_endpoint in its discovery document)");
        }
        var (status, device) = await OidcEndpoints.PostAsync(http, deviceEndpoint, [new("client_id", clientId), new("scope", Scopes)], ct).ConfigureAwait(false);
        if (status != HttpStatusCode.OK)
        {
            throw new HubClientException($"the issuer refused to start a device login for client '{clientId}': {OidcEndpoints.Error(device)}");
        }
        var code = DeviceCode.Read(device);
        await output.WriteLineAsync($"To sign in, open {code.VerificationUri} and enter the code {code.UserCode}").ConfigureAwait(false);
        if (code.VerificationUriComplete is { } complete)
        {
            await output.WriteLineAsync($"  (or open {complete})").ConfigureAwait(false);
        }
        await output.FlushAsync(ct).ConfigureAwait(false);
        return await PollAsync(endpoints.Token, clientId, code, timeout, ct).ConfigureAwait(false);
    }

    /// <summary>New tokens for a saved login's refresh token.</summary>
    public async Task<OidcTokens> RefreshAsync(CliOidcLogin login, CancellationToken ct)
    {
        var endpoints = await OidcEndpoints.DiscoverAsync(http, new Uri(login.Issuer), ct).ConfigureAwait(false);
        var (status, answer) = await OidcEndpoints.PostAsync(http, endpoints.Token,
            [new("grant_type", "refresh_token"), new("refresh_token", login.RefreshToken ?? ""), new("client_id", login.ClientId)], ct).ConfigureAwait(false);
        return status == HttpStatusCode.OK ? OidcTokens.Read(answer, login.ClientId, login.RefreshToken)
            : throw new HubClientException($"the issuer refused the refresh token: {OidcEndpoints.Error(answer)}");
    }

    private async Task<OidcTokens> PollAsync(Uri tokenEndpoint, string clientId, DeviceCode code, TimeSpan timeout, CancellationToken ct)
    {
        var limit = code.ExpiresIn is { } expiresIn && expiresIn < timeout ? expiresIn : timeout;
        var deadline = time.GetUtcNow() + limit;
        var interval = code.Interval ?? Step;
        KeyValuePair<string, string>[] form =
            [new("grant_type", "urn:ietf:params:oauth:grant-type:device_code"), new("device_code", code.Code), new("client_id", clientId)];
        for (var poll = 0; poll < MaxPolls; poll++)
        {
            await Task.Delay(interval, time, ct).ConfigureAwait(false);
            if (time.GetUtcNow() >= deadline)
            {
                break;
            }
            var (status, answer) = await OidcEndpoints.PostAsync(http, tokenEndpoint, form, ct).ConfigureAwait(false);
            if (status == HttpStatusCode.OK)
            {
                return OidcTokens.Read(answer, clientId);
            }
            switch (OidcEndpoints.ErrorCode(answer))
            {
                case "authorization_pending":
                    continue;
                case "slow_down":
                    interval += Step;
                    continue;
                case "access_denied":
                    throw new HubClientException("the sign-in was denied at the issuer");
                case "expired_token":
                    throw new HubClientException("the code expired before the sign-in was approved; run 'edgeplane login --oidc' again");
                default:
                    throw new HubClientException($"the issuer refused the device code: {OidcEndpoints.Error(answer)}");
            }
        }
        throw new HubClientException($"the sign-in was not approved within {limit.TotalSeconds:0} s; run 'edgeplane login --oidc' again");
    }
}

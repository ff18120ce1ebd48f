namespace Edgeplane.Cli.HubClient;

/// <summary>
/// Keeps a saved <c>login --oidc</c> usable: an id_token within <see cref="Margin"/> of its expiry is refreshed with
/// the saved refresh token and saved again (mode 0600); without a refresh token, or when the issuer refuses it, the
/// user is told to log in again.
/// </summary>
internal static class OidcSession
{
    /// <summary>How long before its expiry an id_token is refreshed (60 s), so it does not expire on the way to the hub.</summary>
    public static readonly TimeSpan Margin = TimeSpan.FromSeconds(60);

    public static CliConfig Current(CliConfig saved, string path, TimeProvider time, HttpMessageHandler? handler = null) =>
        CurrentAsync(saved, path, time, handler, CancellationToken.None).GetAwaiter().GetResult(); // the CLI has no synchronization context

    public static async Task<CliConfig> CurrentAsync(CliConfig saved, string path, TimeProvider time, HttpMessageHandler? handler,
        CancellationToken ct)
    {
        if (saved.Oidc is not { } login || time.GetUtcNow() < login.ExpiresAt - Margin)
        {
            return saved;
        }
        if (login.RefreshToken is null)
        {
            throw new HubClientException($"the OIDC login expired at {login.ExpiresAt:u} and the issuer gave no refresh token; run 'edgeplane login --oidc' again",
                usage: true);
        }
        using var http = OidcHttp.Create(handler);
        OidcTokens tokens;
        try
        {
            tokens = await new OidcDeviceLogin(http, time).RefreshAsync(login, ct).ConfigureAwait(false);
        }
        catch (HubClientException e)
        {
            throw new HubClientException($"the OIDC login expired and could not be refreshed ({e.Message}); run 'edgeplane login --oidc' again", usage: true);
        }
        var refreshed = saved with { Token = tokens.IdToken, Oidc = login with { RefreshToken = tokens.RefreshToken, ExpiresAt = tokens.ExpiresAt } };
        refreshed.Save(path);
        return refreshed;
    }
}

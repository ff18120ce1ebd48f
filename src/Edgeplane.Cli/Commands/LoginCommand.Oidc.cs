using System.CommandLine;
using Edgeplane.Cli.HubClient;

namespace Edgeplane.Cli.Commands;

internal static partial class LoginCommand
{
    /// <summary><c>edgeplane login --oidc --issuer URL [--client-id ID] [--hub URL] [--timeout S]</c>: the device flow.</summary>
    private sealed class OidcFlags
    {
        private readonly Option<bool> _oidc = new("--oidc") { Description = "Sign in at an OpenID Connect issuer (device flow) instead of using an API token" };

        private readonly Option<string?> _issuer = new("--issuer")
        {
            Description = "With --oidc: the issuer URL, as the hub's --oidc-issuer (e.g. https://dex.example.com/dex)",
        };

        private readonly Option<string> _clientId = new("--client-id")
        {
            Description = "With --oidc: the OAuth client id, as the hub's --oidc-audience",
            DefaultValueFactory = _ => "edgeplane",
        };

        private readonly Option<int> _timeout = new("--timeout")
        {
            Description = "With --oidc: seconds to wait for the sign-in to be approved (the issuer's code may expire sooner)",
            DefaultValueFactory = _ => (int)OidcDeviceLogin.DefaultTimeout.TotalSeconds,
        };

        public void AddTo(Command command)
        {
            command.Options.Add(_oidc);
            command.Options.Add(_issuer);
            command.Options.Add(_clientId);
            command.Options.Add(_timeout);
        }

        public bool Requested(ParseResult parse) => parse.GetValue(_oidc);

        public async Task<int> LoginAsync(ParseResult parse, string? hubFlag, string? caFile, TextWriter output, TimeProvider time, CancellationToken ct)
        {
            var issuer = Issuer(parse.GetValue(_issuer));
            var clientId = parse.GetRequiredValue(_clientId);
            var timeout = parse.GetValue(_timeout) is var seconds and > 0 ? TimeSpan.FromSeconds(seconds)
                : throw new HubClientException("--timeout must be a positive number of seconds", usage: true);
            var path = CliConfig.PathFromEnvironment();
            var saved = CliConfig.Load(path);
            var url = HubConnection.ParseUrl(hubFlag ?? saved?.Hub
                ?? throw new HubClientException("--hub is required (no login is saved yet): the hub's URL, e.g. https://hub.example.com:8443", usage: true));
            var savedCa = hubFlag is null ? saved?.CaCertificate : null;
            var tls = HubConnection.Tls(url, caFile, savedCa);
            using var http = OidcHttp.Create();
            var tokens = await new OidcDeviceLogin(http, time).LoginAsync(issuer, clientId, output, timeout, ct).ConfigureAwait(false);
            using (var client = new HubApiClient(url, tokens.IdToken, tls))
            {
                await client.GetFleetAsync(ct).ConfigureAwait(false); // refuse to save what the hub does not take
            }
            new CliConfig(url.ToString(), tokens.IdToken, tls.CaCertificatePem, new CliOidcLogin(issuer.ToString(), clientId, tokens.RefreshToken, tokens.ExpiresAt))
                .Save(path);
            await output.WriteLineAsync($"logged in to {url} through {issuer}; saved to {path}").ConfigureAwait(false);
            return ExitCodes.Ok;
        }

        private static Uri Issuer(string? issuer)
        {
            if (issuer is null)
            {
                throw new HubClientException("--oidc needs --issuer URL: the OpenID Connect issuer the hub trusts (its --oidc-issuer)", usage: true);
            }
            return Uri.TryCreate(issuer, UriKind.Absolute, out var uri) && (uri.Scheme == "https" || (uri.Scheme == "http" && uri.IsLoopback))
                ? uri
                : throw new HubClientException($"--issuer must be an https URL (http only on a loopback address), got '{issuer}'", usage: true);
        }
    }
}

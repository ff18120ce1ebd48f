using System.CommandLine;
using Edgeplane.Cli.HubClient;
using Edgeplane.Cli.Shared;

namespace Edgeplane.Cli.Commands;

internal static partial class LoginCommand
{
    public static Command Create(TimeProvider? time = null)
    {
        var hub = new Option<string?>("--hub") { Description = "Hub URL (required, except with --oidc when a login is saved)" };
        var token = new Option<string?>("--token")
        {
            Description = "API token (printed by the hub at first start). Visible in ps: prefer --token-file or $EDGEPLANE_TOKEN",
        };
        var tokenFile = new Option<FileInfo?>("--token-file") { Description = "File (mode 0600) holding the API token" };
        var caFile = new Option<string?>("--ca-file")
        {
            Description = "PEM CA certificate an https hub's certificate must chain to, saved with the login; only it is trusted for this hub " +
                "(a hub serving its own CA's certificate: <data>/identity/ca.crt). Default: the system trust store",
        };
        var oidc = new OidcFlags();
        var command = new Command("login", """
            Check a hub URL and token, and save them for later commands (mode 0600) in
            $EDGEPLANE_CONFIG, else $XDG_CONFIG_HOME/edgeplane/config.json, else ~/.config/edgeplane/config.json.
            With --oidc, sign in at an OpenID Connect issuer with the device flow instead (open the URL shown, enter
            the code) and save its id_token; later commands refresh it when it expires.

            Examples:
              edgeplane login --hub http://127.0.0.1:8080 --token-file .edgeplane/admin-token
              EDGEPLANE_TOKEN=ep_… edgeplane login --hub https://hub.example.com:8443 --ca-file ca.crt
              edgeplane login --oidc --issuer https://dex.example.com/dex --client-id edgeplane --hub https://hub.example.com:8443
            """);
        command.Options.Add(hub);
        command.Options.Add(token);
        command.Options.Add(tokenFile);
        command.Options.Add(caFile);
        oidc.AddTo(command);
        command.SetAction((parse, ct) => HubConnection.RunAsync(parse, async output =>
        {
            if (oidc.Requested(parse))
            {
                return await oidc.LoginAsync(parse, parse.GetValue(hub), parse.GetValue(caFile), output, time ?? TimeProvider.System, ct).ConfigureAwait(false);
            }
            var url = HubConnection.ParseUrl(parse.GetValue(hub)
                ?? throw new HubClientException("--hub is required: the hub's URL, e.g. http://127.0.0.1:8080", usage: true));
            var secret = Token(parse.GetValue(token), parse.GetValue(tokenFile));
            var tls = HubConnection.Tls(url, parse.GetValue(caFile));
            using (var client = new HubApiClient(url, secret, tls))
            {
                await client.GetFleetAsync(ct).ConfigureAwait(false); // refuse to save what does not work
            }
            var path = CliConfig.PathFromEnvironment();
            new CliConfig(url.ToString(), secret, tls.CaCertificatePem).Save(path);
            await output.WriteLineAsync($"logged in to {url}; saved to {path}").ConfigureAwait(false);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static string Token(string? token, FileInfo? file)
    {
        try
        {
            return SecretInput.Read("--token", token, file, "EDGEPLANE_TOKEN")
                ?? throw new HubClientException("an API token is needed: --token-file FILE, $EDGEPLANE_TOKEN or --token", usage: true);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            throw new HubClientException(e.Message, usage: true);
        }
    }
}

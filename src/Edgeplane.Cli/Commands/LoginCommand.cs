using System.CommandLine;
using Edgeplane.Cli.HubClient;
using Edgeplane.Cli.Shared;

namespace Edgeplane.Cli.Commands;

internal static class LoginCommand
{
    public static Command Create()
    {
        var hub = new Option<string>("--hub") { Description = "Hub URL", Required = true };
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
        var command = new Command("login", """
            Check a hub URL and token, and save them for later commands (mode 0600) in
            $EDGEPLANE_CONFIG, else $XDG_CONFIG_HOME/edgeplane/config.json, else ~/.config/edgeplane/config.json.

            Example:
              edgeplane login --hub http://127.0.0.1:8080 --token-file .edgeplane/admin-token
              EDGEPLANE_TOKEN=ep_… edgeplane login --hub https://hub.example.com:8443 --ca-file ca.crt
            """);
        command.Options.Add(hub);
        command.Options.Add(token);
        command.Options.Add(tokenFile);
        command.Options.Add(caFile);
        command.SetAction((parse, ct) => HubConnection.RunAsync(parse, async output =>
        {
            var url = HubConnection.ParseUrl(parse.GetRequiredValue(hub));
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

using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Edgeplane.Agent;
using Edgeplane.Cli.HubClient;
using Edgeplane.Cli.Shared;
using Edgeplane.Model.Validation;
using Edgeplane.Rendering.Generators;

namespace Edgeplane.Cli.Commands;

/// <summary>
/// <c>edgeplane agent manifest</c>: prints the install manifests of one cluster's agent (<see cref="AgentInstallObjects"/>)
/// with a fresh bootstrap token minted through the hub API as the logged-in user, or the token of <c>--token-file</c>.
/// Exit codes: 0 printed, 1 the hub refused or failed (cluster not declared, no permission), 2 bad arguments.
/// </summary>
internal static class AgentManifestCommand
{
    public static Command Create()
    {
        var connection = new HubConnection("--api", "--api-token");
        var cluster = new Option<string>("--cluster") { Description = "The cluster the agent manages (declared in the fleet)", Required = true };
        var hub = new Option<string?>("--hub")
        {
            Description = "Gateway URL the agent dials, https://host:port (default: what the hub advertises with the token)",
        };
        var tokenFile = new Option<FileInfo?>("--token-file")
        {
            Description = "File (mode 0600) holding a bootstrap token for the cluster, instead of minting one (then --hub is required)",
        };
        var ttl = new Option<string?>("--ttl") { Description = "Lifetime of the minted token: 30m, 1h (the hub's default), 7d at most" };
        var image = new Option<string?>("--image") { Description = $"Agent image (default {AgentInstallSettings.DefaultRepository}:<this CLI's version>)" };
        var output = new Option<string>("--output", "-o") { Description = "yaml (default; a multi-document stream) or json (a v1 List)", DefaultValueFactory = _ => "yaml" };
        output.AcceptOnlyFromAmong("yaml", "json");
        var command = new Command("manifest", """
            Print the install manifests of a cluster's agent, for clusters not made by Cluster API: the edgeplane-system
            Namespace, the agent's ServiceAccount bound to cluster-admin, a Secret with a fresh single-use bootstrap token
            (minted through the hub API as the logged-in user, fleet-admin; or --token-file), an in-cluster kubeconfig and
            the agent Deployment (resource limits, probes, non-root, read-only root filesystem). Apply them with kubectl,
            or let 'edgeplane clusters join' apply them in one step. The token is printed only into the manifests.

            Examples:
              edgeplane agent manifest --cluster edge-site-1 > edge-site-1-agent.yaml
              edgeplane agent manifest --cluster edge-site-1 --hub https://hub.example.com:7443 | kubectl apply -f -
              edgeplane agent manifest --cluster edge-site-1 --hub https://hub.example.com:7443 --token-file token -o json
            """);
        foreach (var option in new Option[] { cluster, hub, tokenFile, ttl, image, output, connection.Hub, connection.Token, connection.CaFile })
        {
            command.Options.Add(option);
        }
        command.SetAction((parse, ct) => HubConnection.RunAsync(parse, async stdout =>
        {
            var name = parse.GetRequiredValue(cluster);
            var file = parse.GetValue(tokenFile);
            var gateway = parse.GetValue(hub) is { } text ? GatewayUrl(text, "--hub") : null;
            if (!Names.IsDns1123Label(name))
            {
                throw new HubClientException($"--cluster '{name}' is not a cluster name (a DNS-1123 label: a-z, 0-9 and '-', at most 63)", usage: true);
            }
            var (token, advertised) = file is null
                ? await MintAsync(connection, parse, name, parse.GetValue(ttl), parse.InvocationConfiguration.Error, ct).ConfigureAwait(false)
                : (ReadToken(file), null);
            var settings = Settings(name, gateway ?? advertised, token, parse.GetValue(image), "--hub");
            await stdout.WriteAsync(Format(AgentInstallObjects.Build(settings), parse.GetRequiredValue(output))).ConfigureAwait(false);
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>The settings of the manifests; a usage error when the gateway URL is unknown or a value is invalid.</summary>
    internal static AgentInstallSettings Settings(string cluster, Uri? gateway, string token, string? image, string gatewayFlag)
    {
        var settings = new AgentInstallSettings
        {
            Cluster = cluster,
            Hub = gateway ?? throw new HubClientException(
                $"the gateway URL agents dial is unknown: the hub does not advertise one (start it with --gateway-url https://HOST:PORT); pass {gatewayFlag} https://HOST:PORT",
                usage: true),
            Token = token,
            Version = AgentInfo.Version,
            Image = image,
        };
        try
        {
            settings.Validate();
        }
        catch (ArgumentException e)
        {
            throw new HubClientException(e.Message, usage: true);
        }
        return settings;
    }

    /// <summary>A fresh token for <paramref name="cluster"/> from the hub, and the gateway URL the hub advertises with it.</summary>
    internal static async Task<(string Token, Uri? Gateway)> MintAsync(HubConnection connection, ParseResult parse, string cluster, string? ttl,
        TextWriter log, CancellationToken ct)
    {
        using var client = connection.Connect(parse);
        var created = await client.CreateTokenAsync(cluster, ttl, ct).ConfigureAwait(false);
        await log.WriteLineAsync($"bootstrap token {created.TokenId} for cluster {created.Cluster}: single use, expires {created.ExpiresAt:u}")
            .ConfigureAwait(false);
        return (created.Token, created.GatewayUrl is { } url ? GatewayUrl(url, "the hub's gatewayUrl") : null);
    }

    internal static Uri GatewayUrl(string text, string what) =>
        Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme == Uri.UriSchemeHttps
            ? url
            : throw new HubClientException($"{what} '{text}' must be an absolute https:// URL (the gateway agents dial, e.g. https://hub.example.com:7443)",
                usage: true);

    private static string ReadToken(FileInfo file)
    {
        try
        {
            return SecretInput.Read("--token", null, file, "EDGEPLANE_BOOTSTRAP_TOKEN")!;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            throw new HubClientException(e.Message, usage: true);
        }
    }

    private static string Format(IReadOnlyList<JsonObject> objects, string format) => format == "json"
        ? new JsonObject { ["apiVersion"] = "v1", ["kind"] = "List", ["items"] = new JsonArray([.. objects]) }
            .ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + Environment.NewLine
        : AgentInstallObjects.ToYaml(objects);
}

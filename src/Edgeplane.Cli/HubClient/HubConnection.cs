using System.CommandLine;

namespace Edgeplane.Cli.HubClient;

/// <summary>The <c>--hub</c>, <c>--token</c>, <c>-o</c> and <c>--ca-file</c> options every hub command takes, and how they resolve.</summary>
internal sealed class HubConnection
{
    public Option<string?> Hub { get; }

    public Option<string?> Token { get; }

    public Option<string> Output { get; } = new("--output", "-o")
    {
        Description = "Output format: table, json or yaml",
        DefaultValueFactory = _ => "table",
    };

    public Option<string?> CaFile { get; } = new("--ca-file")
    {
        Description = "PEM CA certificate an https hub's certificate must chain to; only it is trusted (default: from 'edgeplane login', else the system trust store)",
    };

    /// <summary>
    /// The options, named <paramref name="hubOption"/> and <paramref name="tokenOption"/> where a command gives
    /// <c>--hub</c> another meaning (<c>edgeplane agent manifest --hub</c> is the gateway agents dial).
    /// </summary>
    public HubConnection(string hubOption = "--hub", string tokenOption = "--token")
    {
        Hub = new(hubOption) { Description = "Hub URL, e.g. http://127.0.0.1:8080 (default: from 'edgeplane login')" };
        Token = new(tokenOption) { Description = "API token (default: from 'edgeplane login')" };
        Output.AcceptOnlyFromAmong("table", "json", "yaml");
    }

    public void AddTo(Command command)
    {
        command.Options.Add(Hub);
        command.Options.Add(Token);
        command.Options.Add(Output);
        command.Options.Add(CaFile);
    }

    /// <summary>A client from the flags, falling back to the saved config; a usage error when neither gives both.</summary>
    public HubApiClient Connect(ParseResult parse)
    {
        var saved = CliConfig.Load(CliConfig.PathFromEnvironment());
        if (saved?.Oidc is not null && parse.GetValue(Token) is null)
        {
            saved = OidcSession.Current(saved, CliConfig.PathFromEnvironment(), TimeProvider.System);
        }
        var hub = parse.GetValue(Hub) ?? saved?.Hub;
        var token = parse.GetValue(Token) ?? saved?.Token;
        if (string.IsNullOrEmpty(hub) || string.IsNullOrEmpty(token))
        {
            throw new HubClientException(
                $"no hub connection: pass {Hub.Name} URL {Token.Name} T, or run 'edgeplane login --hub URL --token T' first", usage: true);
        }
        var url = ParseUrl(hub);
        // The CA saved by login is trusted for the hub it was saved with, not for another one given with --hub.
        var savedCa = saved?.CaCertificate is { } pem && saved.Hub is { } savedHub && ParseUrl(savedHub) == url ? pem : null;
        return new HubApiClient(url, token, Tls(url, parse.GetValue(CaFile), savedCa));
    }

    /// <summary>The trust for <paramref name="url"/>: the CA file given, else the saved CA, else the system store.</summary>
    public static HubTls Tls(Uri url, string? caFile, string? savedCa = null)
    {
        if (caFile is not null && url.Scheme != Uri.UriSchemeHttps)
        {
            throw new HubClientException($"--ca-file is for an https:// hub; '{url}' is plain http", usage: true);
        }
        return caFile is not null ? HubTls.FromFile(caFile)
            : savedCa is not null ? HubTls.FromPem(savedCa, "the CA saved by 'edgeplane login'")
            : HubTls.System;
    }

    public static Uri ParseUrl(string hub) =>
        Uri.TryCreate(hub.EndsWith('/') ? hub : hub + "/", UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
            ? url
            : throw new HubClientException($"--hub must be an http(s) URL, got '{hub}'", usage: true);

    public string Format(ParseResult parse) => parse.GetValue(Output) ?? "table";

    /// <summary>Runs a hub command, mapping failures to exit codes: 1 for what the hub refused or could not do, 2 for usage.</summary>
    public static async Task<int> RunAsync(ParseResult parse, Func<TextWriter, Task<int>> action)
    {
        var output = parse.InvocationConfiguration.Output;
        try
        {
            return await action(output).ConfigureAwait(false);
        }
        catch (HubClientException error)
        {
            await parse.InvocationConfiguration.Error.WriteLineAsync($"error: {error.Message}").ConfigureAwait(false);
            return error.Usage ? ExitCodes.Usage : ExitCodes.Invalid;
        }
    }
}

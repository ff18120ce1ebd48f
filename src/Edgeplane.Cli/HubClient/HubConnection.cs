using System.CommandLine;

namespace Edgeplane.Cli.HubClient;

/// <summary>The <c>--hub</c>, <c>--token</c> and <c>-o</c> options every hub command takes, and how they resolve.</summary>
internal sealed class HubConnection
{
    public Option<string?> Hub { get; } = new("--hub") { Description = "Hub URL, e.g. http://127.0.0.1:8080 (default: from 'edgeplane login')" };

    public Option<string?> Token { get; } = new("--token") { Description = "API token (default: from 'edgeplane login')" };

    public Option<string> Output { get; } = new("--output", "-o")
    {
        Description = "Output format: table, json or yaml",
        DefaultValueFactory = _ => "table",
    };

    public HubConnection()
    {
        Output.AcceptOnlyFromAmong("table", "json", "yaml");
    }

    public void AddTo(Command command)
    {
        command.Options.Add(Hub);
        command.Options.Add(Token);
        command.Options.Add(Output);
    }

    /// <summary>A client from the flags, falling back to the saved config; a usage error when neither gives both.</summary>
    public HubApiClient Connect(ParseResult parse)
    {
        var saved = CliConfig.Load(CliConfig.PathFromEnvironment());
        var hub = parse.GetValue(Hub) ?? saved?.Hub;
        var token = parse.GetValue(Token) ?? saved?.Token;
        if (string.IsNullOrEmpty(hub) || string.IsNullOrEmpty(token))
        {
            throw new HubClientException("no hub connection: pass --hub URL --token T, or run 'edgeplane login --hub URL --token T' first", usage: true);
        }
        return new HubApiClient(ParseUrl(hub), token);
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

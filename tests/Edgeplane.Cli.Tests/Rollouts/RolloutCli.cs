using System.CommandLine;
using System.Text;
using Edgeplane.Cli.Commands;

namespace Edgeplane.Cli.Tests.Rollouts;

/// <summary>Runs <c>edgeplane rollout …</c> in-process on a given clock, with captured output.</summary>
internal static class RolloutCli
{
    public static async Task<CliRun> RunAsync(TimeProvider time, string[] args, CancellationToken cancellationToken = default)
    {
        var root = new RootCommand();
        root.Subcommands.Add(RolloutCommand.Create(time));
        var output = new StringWriter();
        var error = new StringWriter();
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            return new CliRun(ExitCodes.Usage, "", string.Join("\n", parse.Errors.Select(e => e.Message)));
        }
        var code = await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken);
        return new CliRun(code, output.ToString(), error.ToString());
    }

    /// <summary>The body of <c>GET <paramref name="path"/></c> on a real hub, as it sent it.</summary>
    public static async Task<string> ApiGetAsync(string hub, string token, string path)
    {
        using var http = new HttpClient { BaseAddress = new Uri(hub) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return await http.GetStringAsync(path);
    }

    /// <summary><paramref name="json"/> without the whitespace between tokens: equal for the same JSON however indented.</summary>
    public static string Compact(string json)
    {
        var text = new StringBuilder();
        var (inString, escaped) = (false, false);
        foreach (var c in json)
        {
            if (inString)
            {
                (escaped, inString) = (!escaped && c == '\\', inString && (escaped || c != '"'));
                text.Append(c);
            }
            else if (!char.IsWhiteSpace(c))
            {
                inString = c == '"';
                text.Append(c);
            }
        }
        return text.ToString();
    }
}

using System.CommandLine;

namespace Edgeplane.Cli.HubClient;

/// <summary>
/// A <c>get KEY</c> command: one object fetched from the hub by its key and printed as a table, or as JSON or YAML
/// with <c>-o</c>. The hub options come from <see cref="HubConnection"/>; failures map to its exit codes.
/// </summary>
internal static class HubGetCommand
{
    public static Command Create<T>(string description, Argument<string> key,
        Func<HubApiClient, string, CancellationToken, Task<T>> fetch, Action<TextWriter, T> table)
    {
        var connection = new HubConnection();
        var command = new Command("get", description);
        command.Arguments.Add(key);
        connection.AddTo(command);
        command.SetAction((parse, ct) => HubConnection.RunAsync(parse, async output =>
        {
            using var client = connection.Connect(parse);
            var value = await fetch(client, parse.GetRequiredValue(key), ct).ConfigureAwait(false);
            await CliOutput.WriteAsync(output, connection.Format(parse), value, o => table(o, value)).ConfigureAwait(false);
            return ExitCodes.Ok;
        }));
        return command;
    }
}

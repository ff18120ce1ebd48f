namespace Edgeplane.Cli.Tests.HubCommands;

/// <summary>Runs the CLI in-process with captured output.</summary>
internal sealed record HubCli(int ExitCode, string Out, string Error)
{
    public static async Task<HubCli> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.RunAsync(args, output, error);
        return new HubCli(code, output.ToString(), error.ToString());
    }
}

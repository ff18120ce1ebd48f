using System.CommandLine;
using System.Reflection;

namespace Edgeplane.Cli.Commands;

internal static class VersionCommand
{
    public static Command Create()
    {
        var command = new Command("version", "Print the Edgeplane version.");
        command.SetAction(parse =>
        {
            var version = typeof(VersionCommand).Assembly
                .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
            parse.InvocationConfiguration.Output.WriteLine($"edgeplane {version}");
            return ExitCodes.Ok;
        });
        return command;
    }
}

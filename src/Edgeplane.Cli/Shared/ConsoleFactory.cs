using Spectre.Console;

namespace Edgeplane.Cli.Shared;

/// <summary>Spectre consoles over the invocation's writers; plain text unless the writer is a real terminal.</summary>
internal static class ConsoleFactory
{
    public static IAnsiConsole For(TextWriter writer)
    {
        var terminal = ReferenceEquals(writer, Console.Out) && !Console.IsOutputRedirected;
        return AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
    }

    /// <summary>True when progress may be drawn on stderr: it is the process's own stderr and a terminal.</summary>
    public static bool CanShowProgress(TextWriter error) => ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected;
}

using System.CommandLine;
using Edgeplane.Cli.Shared;
using Edgeplane.Model.Loading;
using Edgeplane.Rendering;
using Spectre.Console;

namespace Edgeplane.Cli.Commands;

/// <summary><c>edgeplane validate DIR</c>: load, validate and render every cluster, writing nothing.</summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var dir = new Argument<string>("DIR") { Description = "The fleet repo directory." };
        var command = new Command("validate", """
            Load and validate a fleet repo, then render every cluster without writing anything, so that every
            error a commit would cause is found. Prints a summary of what was loaded, or every error as
            path:line:col: message on stderr (exit 1). A workspace whose applications break render-time
            policy is rejected: each violation is printed with its rule in brackets (exit 1).

            Examples:
              edgeplane validate examples/fleet
            """);
        command.Arguments.Add(dir);
        command.SetAction(parse => Run(parse.GetValue(dir)!, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    private static int Run(string dir, TextWriter output, TextWriter error)
    {
        var loaded = FleetLoader.Load(dir);
        if (!loaded.Succeeded)
        {
            DiagnosticPrinter.Print(error, dir, loaded.Diagnostics);
            error.WriteLine($"{loaded.Diagnostics.Count} error(s) in {dir}");
            return ExitCodes.Invalid;
        }
        var fleet = loaded.Fleet!;
        var rendered = new FleetRenderer(fleet).RenderAll();
        var rejected = RenderCommand.PrintRejections(error, dir, rendered.Rejections);
        if (!rendered.Succeeded)
        {
            DiagnosticPrinter.Print(error, dir, rendered.Diagnostics);
            error.WriteLine($"{rendered.Diagnostics.Count + rejected} error(s) rendering {dir}");
            return ExitCodes.Invalid;
        }
        if (rejected > 0)
        {
            error.WriteLine($"{rejected} render-time policy violation(s) in {dir}");
            return ExitCodes.Invalid;
        }
        var table = new Table().AddColumn("kind").AddColumn(new TableColumn("count").RightAligned());
        foreach (var (kind, count) in fleet.Counts)
        {
            table.AddRow(kind.ToString(), count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        var console = ConsoleFactory.For(output);
        console.Write(table);
        var objects = rendered.Bundles.Sum(b => b.Objects.Count);
        console.WriteLine($"{fleet.Fleet.Name}: valid; {fleet.FileCount} files, {rendered.Bundles.Count} bundles rendered, {objects} objects");
        return ExitCodes.Ok;
    }
}

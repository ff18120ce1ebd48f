using System.CommandLine;
using System.Text.Json.Nodes;
using Edgeplane.Model.Diagnostics;
using Edgeplane.Model.Sources;
using Edgeplane.Model.Yaml;
using Edgeplane.Rendering.Kustomize;

namespace Edgeplane.Cli.Commands;

/// <summary><c>edgeplane kustomize DIR [--root R]</c>: prints what <c>kubectl kustomize DIR</c> prints, built natively.</summary>
internal static class KustomizeCommand
{
    public static Command Create()
    {
        var directory = new Argument<string>("dir") { Description = "The directory holding the kustomization to build." };
        var root = new Option<string?>("--root")
        {
            Description = "The sandbox root: no file outside it is read. Defaults to DIR itself, so bases reached "
                + "with '../' need --root set to a directory that contains them (e.g. the fleet repo).",
        };
        var command = new Command("kustomize", """
            Build a kustomization the way 'kubectl kustomize DIR' does (the supported subset, see docs/kustomize.md) and
            print the objects as YAML documents separated by '---'. Remote bases, Helm charts and plugins are refused.
            Errors are printed as path:line:col: message. Exit codes: 0 built, 1 invalid input, 2 wrong usage.

            Examples:
              edgeplane kustomize examples/fleet/addons/monitoring
              edgeplane kustomize examples/fleet/sites/edge-0042 --root examples/fleet
            """);
        command.Arguments.Add(directory);
        command.Options.Add(root);
        command.SetAction(parse => Run(parse.GetValue(directory)!, parse.GetValue(root), parse.InvocationConfiguration));
        return command;
    }

    private static int Run(string directory, string? rootArgument, InvocationConfiguration io)
    {
        var target = Path.GetFullPath(directory);
        var root = Path.GetFullPath(rootArgument ?? directory);
        if (!Directory.Exists(target) || !Directory.Exists(root))
        {
            io.Error.WriteLine($"error: directory '{(Directory.Exists(root) ? directory : rootArgument ?? directory)}' does not exist");
            return ExitCodes.Usage;
        }
        var relative = Path.GetRelativePath(root, target);
        if (relative == ".." || relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal) || Path.IsPathRooted(relative))
        {
            io.Error.WriteLine($"error: '{directory}' is not inside the root '{rootArgument}'");
            return ExitCodes.Usage;
        }
        var result = new KustomizeBuilder(new RepoFileSystem(root)).Build(relative.Replace('\\', '/'));
        if (!result.Succeeded)
        {
            foreach (var diagnostic in result.Diagnostics)
            {
                io.Error.WriteLine(Located(diagnostic, root));
            }
            if (rootArgument is null && result.Diagnostics.Any(d => d.Code == "PathOutsideRepo"))
            {
                io.Error.WriteLine("hint: DIR is the sandbox root; pass --root with a directory that also contains the bases");
            }
            return ExitCodes.Invalid;
        }
        io.Output.Write(YamlWriter.Write(result.Objects.Select(SortKeys)));
        return ExitCodes.Ok;
    }

    /// <summary>The diagnostic with its repo-relative path made relative to the working directory, for editors.</summary>
    private static string Located(Diagnostic diagnostic, string root)
    {
        var file = Path.GetRelativePath(Environment.CurrentDirectory, Path.Combine(root, diagnostic.Location.File));
        return new Diagnostic(diagnostic.Location with { File = file }, diagnostic.Message, diagnostic.Code).ToString();
    }

    // kustomize prints every map with its keys sorted.
    private static JsonNode? SortKeys(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, SortKeys(p.Value)))),
        JsonArray array => new JsonArray([.. array.Select(SortKeys)]),
        _ => node?.DeepClone(),
    };
}

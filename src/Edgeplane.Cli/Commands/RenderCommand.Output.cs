using System.Text;
using System.Text.Json.Nodes;
using Edgeplane.Cli.Shared;
using Edgeplane.Model.Yaml;
using Edgeplane.Rendering;
using Edgeplane.Rendering.Bundles;
using Edgeplane.Rendering.Canonical;
using Spectre.Console;

namespace Edgeplane.Cli.Commands;

internal static partial class RenderCommand
{
    internal static RenderAllResult RenderAll(FleetRenderer renderer, RenderOptions options, TextWriter error)
    {
        if (!ConsoleFactory.CanShowProgress(error) || renderer.Fleet.Clusters.Count < 200)
        {
            return renderer.RenderAll(options);
        }
        RenderAllResult? result = null;
        AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) }).Progress().Start(ctx =>
        {
            var task = ctx.AddTask("rendering", maxValue: renderer.Fleet.Clusters.Count);
            result = renderer.RenderAll(options, new Progress(task));
        });
        return result!;
    }

    /// <summary>
    /// Prints each rejected workspace's violations as <c>path:line:col: message [rule]</c> on <paramref name="error"/>, then
    /// a summary line; returns the number of violations.
    /// </summary>
    internal static int PrintRejections(TextWriter error, string dir, IReadOnlyDictionary<string, IReadOnlyList<Model.Diagnostics.Diagnostic>> rejections)
    {
        foreach (var (workspace, diagnostics) in rejections.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            DiagnosticPrinter.Print(error, dir, diagnostics.Select(d => d with { Message = $"{d.Message} [{d.Code}]" }));
            error.WriteLine($"Workspace \"{workspace}\" rejected: none of its Applications' or NetworkFunctions' objects are shipped in this revision; "
                + "the other workspaces and the platform render as usual (a hub keeps the workspace's last good objects)");
        }
        return rejections.Values.Sum(d => d.Count);
    }

    private sealed class Progress(ProgressTask task) : IProgress<int>
    {
        public void Report(int value) => task.Value = Math.Max(task.Value, value);
    }

    private static int Print(IReadOnlyList<Bundle> bundles, string format, TextWriter output)
    {
        foreach (var bundle in bundles)
        {
            output.Write(format == OutputFormat.Json ? Encoding.UTF8.GetString(bundle.CanonicalBytes.Span) + "\n" : Yaml(bundle));
        }
        return ExitCodes.Ok;
    }

    /// <summary>The objects as YAML documents in apply order, after a comment naming the bundle and its digests.</summary>
    internal static string Yaml(Bundle bundle)
    {
        var header = $"# bundle {bundle.ClusterName} revision {bundle.Revision}\n# digest {bundle.Digest}\n# contentDigest {bundle.ContentDigest}\n---\n";
        return header + YamlWriter.Write(bundle.Objects.Select(o => (JsonNode?)o.ToJsonObject()));
    }

    /// <summary>Writes every file into a fresh sibling directory, then swaps it in, so a failure leaves the old output whole.</summary>
    private static int WriteFiles(string outDir, IReadOnlyList<Bundle> bundles, string format, string revision, TextWriter error)
    {
        var target = Path.GetFullPath(outDir);
        var parent = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(parent);
        var staging = Path.Combine(parent, $".{Path.GetFileName(target)}.tmp-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        try
        {
            var index = new JsonArray();
            foreach (var bundle in bundles)
            {
                var file = $"{bundle.ClusterName}.{format}";
                var bytes = format == OutputFormat.Json ? [.. bundle.CanonicalBytes.Span, (byte)'\n'] : Encoding.UTF8.GetBytes(Yaml(bundle));
                File.WriteAllBytes(Path.Combine(staging, file), bytes);
                index.Add(new JsonObject
                {
                    ["cluster"] = bundle.ClusterName, ["file"] = file, ["digest"] = bundle.Digest,
                    ["contentDigest"] = bundle.ContentDigest, ["objects"] = bundle.Objects.Count,
                });
            }
            var document = new JsonObject
            {
                ["apiVersion"] = "edgeplane.dev/v1alpha1", ["kind"] = "BundleIndex", ["revision"] = revision, ["bundles"] = index,
            };
            File.WriteAllBytes(Path.Combine(staging, "index.json"), [.. CanonicalJson.Serialize(document), (byte)'\n']);
            Swap(staging, target);
        }
        catch (IOException e)
        {
            Directory.Delete(staging, recursive: true);
            error.WriteLine($"error: cannot write {outDir}: {e.Message}");
            return ExitCodes.Invalid;
        }
        return ExitCodes.Ok;
    }

    private static void Swap(string staging, string target)
    {
        if (!Directory.Exists(target))
        {
            Directory.Move(staging, target);
            return;
        }
        var old = staging + ".old";
        Directory.Move(target, old);
        Directory.Move(staging, target);
        Directory.Delete(old, recursive: true);
    }
}

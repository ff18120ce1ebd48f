using System.CommandLine;
using Edgeplane.Cli.Shared;
using Edgeplane.Model.Diagnostics;
using Edgeplane.Model.Loading;
using Edgeplane.Model.Sources;
using Edgeplane.Rendering;
using Edgeplane.Rendering.Bundles;
using LibGit2Sharp;

namespace Edgeplane.Cli.Commands;

/// <summary><c>edgeplane render DIR (--cluster NAME | --all)</c>: print or write bundles; on any error nothing is written.</summary>
internal static partial class RenderCommand
{
    public static Command Create()
    {
        var dir = new Argument<string>("DIR") { Description = "The fleet repo directory." };
        var cluster = new Option<string?>("--cluster") { Description = "Render this one cluster.", HelpName = "NAME" };
        var all = new Option<bool>("--all") { Description = "Render every cluster." };
        var output = OutputFormat.Create();
        var outDir = new Option<string?>("--out") { Description = "Write <cluster>.yaml|json per cluster and index.json here (replaced as a whole) instead of printing.", HelpName = "DIR" };
        var revision = new Option<string?>("--revision")
        {
            Description = "Revision recorded in the bundles. Default: the HEAD commit when DIR is in a git work tree, else \"unversioned\".",
            HelpName = "REV",
        };
        var maxBundleBytes = MaxBundleBytesOption();
        var command = new Command("render", """
            Render bundles: the exact objects each cluster must run, in apply order, with their digests.
            Renders everything first; on any error nothing is printed or written and every error is
            reported as path:line:col: message (exit 1).

            Examples:
              edgeplane render examples/fleet --cluster edge-muc-01
              edgeplane render examples/fleet --cluster edge-muc-01 -o json
              edgeplane render examples/fleet --all --out out/bundles --revision v42
            """);
        command.Arguments.Add(dir);
        command.Options.Add(cluster);
        command.Options.Add(all);
        command.Options.Add(output);
        command.Options.Add(outDir);
        command.Options.Add(revision);
        command.Options.Add(maxBundleBytes);
        command.SetAction(parse => Run(new Request(parse.GetValue(dir)!, parse.GetValue(cluster), parse.GetValue(all), parse.GetValue(output)!,
            parse.GetValue(outDir), parse.GetValue(revision), parse.GetValue(maxBundleBytes)), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    /// <summary><c>--max-bundle-bytes</c>: <see cref="LoadLimits.MaxBundleBytes"/> for this render.</summary>
    private static Option<long?> MaxBundleBytesOption()
    {
        var option = new Option<long?>("--max-bundle-bytes")
        {
            Description = $"Refuse a bundle larger than this many bytes of canonical JSON (default {LoadLimits.Default.MaxBundleBytes}, 64 MiB).",
            HelpName = "BYTES",
        };
        option.Validators.Add(r =>
        {
            // A value that is not a number is reported by the parser; only check numbers here.
            if (r.Tokens.Count > 0 && long.TryParse(r.Tokens[^1].Value, System.Globalization.CultureInfo.InvariantCulture, out var bytes) && bytes <= 0)
            {
                r.AddError("--max-bundle-bytes must be a positive number of bytes");
            }
        });
        return option;
    }

    private sealed record Request(string Dir, string? Cluster, bool All, string Format, string? OutDir, string? Revision, long? MaxBundleBytes);

    private static int Run(Request request, TextWriter output, TextWriter error)
    {
        if ((request.Cluster is null) == !request.All)
        {
            error.WriteLine(request.All ? "error: give either --cluster NAME or --all, not both" : "error: give --cluster NAME or --all");
            error.WriteLine("Run 'edgeplane render --help' for usage.");
            return ExitCodes.Usage;
        }
        var limits = request.MaxBundleBytes is { } max ? LoadLimits.Default with { MaxBundleBytes = max } : LoadLimits.Default;
        var loaded = FleetLoader.Load(request.Dir, limits);
        if (!loaded.Succeeded)
        {
            return Fail(error, request.Dir, loaded.Diagnostics);
        }
        var renderer = new FleetRenderer(loaded.Fleet!);
        var options = new RenderOptions { Revision = request.Revision ?? HeadCommit(request.Dir) ?? "unversioned" };
        IReadOnlyList<Bundle> bundles;
        IReadOnlyDictionary<string, IReadOnlyList<Diagnostic>> rejections;
        if (request.Cluster is { } name)
        {
            if (!renderer.Fleet.Clusters.Contains(name))
            {
                error.WriteLine($"error: cluster \"{name}\" is not in the fleet{Suggestions.DidYouMean(name, renderer.Fleet.Clusters.Names)}");
                return ExitCodes.Invalid;
            }
            var one = renderer.Render(name, options);
            if (!one.Succeeded)
            {
                PrintRejections(error, request.Dir, one.Rejections);
                return Fail(error, request.Dir, one.Diagnostics);
            }
            bundles = [one.Bundle!];
            rejections = one.Rejections;
        }
        else
        {
            var every = RenderAll(renderer, options, error);
            if (!every.Succeeded)
            {
                PrintRejections(error, request.Dir, every.Rejections);
                return Fail(error, request.Dir, every.Diagnostics);
            }
            bundles = every.Bundles;
            rejections = every.Rejections;
        }
        var written = request.OutDir is { } outDir ? WriteFiles(outDir, bundles, request.Format, options.Revision, error) : Print(bundles, request.Format, output);
        return PrintRejections(error, request.Dir, rejections) > 0 ? ExitCodes.Invalid : written;
    }

    private static int Fail(TextWriter error, string dir, IReadOnlyList<Diagnostic> diagnostics)
    {
        DiagnosticPrinter.Print(error, dir, diagnostics);
        error.WriteLine($"{diagnostics.Count} error(s); nothing was written");
        return ExitCodes.Invalid;
    }

    /// <summary>The commit checked out in the Git work tree holding <paramref name="dir"/>; null outside one or before a first commit.</summary>
    private static string? HeadCommit(string dir)
    {
        try
        {
            if (Repository.Discover(Path.GetFullPath(dir)) is not { } gitDir)
            {
                return null;
            }
            using var repo = new Repository(gitDir);
            return repo.Head.Tip?.Sha;
        }
        catch (LibGit2SharpException)
        {
            return null;
        }
    }
}

using Edgeplane.Model.Diagnostics;
using Edgeplane.Model.Sources;
using Edgeplane.Model.Specs;
using Edgeplane.Model.Validation;
using Edgeplane.Model.Yaml;

namespace Edgeplane.Model.Loading;

/// <summary>
/// Loads a fleet repo: reads every YAML file (never outside the root, within <see cref="LoadLimits"/>), binds the
/// documents whose <c>apiVersion</c> is <c>edgeplane.dev/v1alpha1</c> to typed specs, and validates the whole fleet.
/// Every problem is reported at once, sorted by file, line and column. Thread-safe; files are parsed in parallel.
/// </summary>
public static partial class FleetLoader
{
    /// <summary>The apiVersion of every fleet resource.</summary>
    public const string ApiVersion = "edgeplane.dev/v1alpha1";

    /// <summary>Loads and validates the repo at <paramref name="repoRoot"/>.</summary>
    public static FleetLoadResult Load(string repoRoot, LoadLimits? limits = null)
    {
        RepoFileSystem repo;
        try
        {
            repo = new RepoFileSystem(repoRoot, limits);
        }
        catch (DirectoryNotFoundException e)
        {
            return new FleetLoadResult(null, [new Diagnostic(SourceLocation.FileOnly(repoRoot), e.Message, "RepoNotFound")]);
        }
        return Load(repo);
    }

    /// <summary>Loads and validates an already opened repo.</summary>
    public static FleetLoadResult Load(RepoFileSystem repo)
    {
        IReadOnlyList<string> files;
        try
        {
            files = repo.EnumerateYamlFiles();
        }
        catch (RepoPathException e)
        {
            return new FleetLoadResult(null, [e.Diagnostic]);
        }
        var perFile = new FileOutcome[files.Count];
        Parallel.For(0, files.Count, i => perFile[i] = LoadFile(repo, files[i]));
        var bag = new DiagnosticBag();
        var resources = new LoadedResources();
        foreach (var outcome in perFile)
        {
            bag.AddRange(outcome.Diagnostics.Items);
            foreach (var resource in outcome.Resources)
            {
                resources.Add(resource);
            }
        }
        var snapshot = FleetValidator.Validate(repo, resources, files.Count, bag);
        var sorted = bag.Sorted();
        return sorted.Count == 0 ? new FleetLoadResult(snapshot, []) : new FleetLoadResult(null, sorted);
    }

    private sealed record FileOutcome(DiagnosticBag Diagnostics, List<object> Resources);

    private static FileOutcome LoadFile(RepoFileSystem repo, string file)
    {
        var outcome = new FileOutcome(new DiagnosticBag(), []);
        string text;
        try
        {
            text = repo.ReadText(file);
        }
        catch (RepoPathException e)
        {
            outcome.Diagnostics.Add(e.Diagnostic);
            return outcome;
        }
        var loaded = YamlLoader.Load(file, text, repo.Limits);
        outcome.Diagnostics.AddRange(loaded.Diagnostics);
        foreach (var document in loaded.Documents)
        {
            if (Bind(document, outcome.Diagnostics) is { } resource)
            {
                outcome.Resources.Add(resource);
            }
        }
        return outcome;
    }
}

using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Edgeplane.Model.Diagnostics;
using Edgeplane.Model.Loading;
using Edgeplane.Model.Sources;
using Edgeplane.Model.Specs;
using Edgeplane.Model.Yaml;
using Edgeplane.Rendering.Kustomize;
using Edgeplane.Rendering.Templates;

namespace Edgeplane.Rendering.Sources;

/// <summary>
/// Reads and compiles sources once per snapshot and shares them between clusters and threads: manifests (file or
/// directory), kustomizations (through <see cref="KustomizeBuilder"/>) and generated objects (Flux, network functions,
/// namespaces), each under its own key.
/// </summary>
internal sealed class SourceCache
{
    private readonly FleetSnapshot _fleet;
    private readonly KustomizeBuilder _kustomize;
    private readonly ConcurrentDictionary<object, Lazy<CompiledSource>> _cache = new();

    public SourceCache(FleetSnapshot fleet)
    {
        _fleet = fleet;
        _kustomize = new KustomizeBuilder(fleet.Repo);
    }

    private sealed record PathKey(string Source, SourceType Type, string Path, string? Namespace, DeletionPolicy? Provisioned);

    /// <summary>Compiles objects made by <paramref name="make"/> once per <paramref name="key"/>.</summary>
    public CompiledSource Generated(object key, string source, string? defaultNamespace, SourceLocation at, Func<IReadOnlyList<JsonObject>> make) =>
        _cache.GetOrAdd(key, _ => new Lazy<CompiledSource>(() => Compile(make(), source, defaultNamespace, null, at))).Value;

    /// <summary>
    /// The objects of a manifests or kustomize source, <paramref name="path"/> already substituted and relative to
    /// <paramref name="origin"/>'s directory. For a ClusterTemplate's objects, <paramref name="provisioned"/> is the
    /// deletion policy of the cluster they provision (see <see cref="ObjectCompiler.Provisioned"/>): one compile per policy.
    /// </summary>
    public CompiledSource FromPath(ResourceOrigin origin, string source, SourceType type, string path, string? defaultNamespace,
        DeletionPolicy? provisioned = null)
    {
        var key = new PathKey(source, type, $"{origin.Directory}|{path}", defaultNamespace, provisioned);
        return _cache.GetOrAdd(key, _ => new Lazy<CompiledSource>(() => Load(origin, source, type, path, defaultNamespace, provisioned))).Value;
    }

    private CompiledSource Load(ResourceOrigin origin, string source, SourceType type, string path, string? defaultNamespace, DeletionPolicy? provisioned)
    {
        var at = origin.Locate("spec", "source", type == SourceType.Kustomize ? "kustomize" : "manifests", "path");
        try
        {
            var resolved = _fleet.Repo.Resolve(origin.Directory, path, at);
            return type == SourceType.Kustomize
                ? Kustomize(resolved, source, defaultNamespace, at, provisioned)
                : Manifests(resolved, path, source, defaultNamespace, at, provisioned);
        }
        catch (RepoPathException e)
        {
            return CompiledSource.Failed(e.Diagnostic with { Message = $"{source}: {e.Diagnostic.Message}" });
        }
    }

    private CompiledSource Kustomize(string directory, string source, string? defaultNamespace, SourceLocation at, DeletionPolicy? provisioned)
    {
        if (!_fleet.Repo.DirectoryExists(directory))
        {
            return CompiledSource.Failed(new Diagnostic(at, $"{source}: kustomization directory \"{directory}\" does not exist", "SourceNotFound"));
        }
        KustomizeResult built;
        try
        {
            built = _kustomize.Build(directory);
        }
#pragma warning disable CA1031 // a failing engine must become a visible error for this source, not take down every render
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            return CompiledSource.Failed(new Diagnostic(at, $"{source}: kustomize build of \"{directory}\" failed: {e.Message}", "KustomizeFailed"));
        }
        if (!built.Succeeded)
        {
            return new CompiledSource([], built.Diagnostics);
        }
        return Compile(built.Objects, source, defaultNamespace, null, at, provisioned);
    }

    private CompiledSource Manifests(string resolved, string written, string source, string? defaultNamespace, SourceLocation at, DeletionPolicy? provisioned)
    {
        IReadOnlyList<string> files = _fleet.Repo.FileExists(resolved) ? [resolved]
            : _fleet.Repo.DirectoryExists(resolved) ? _fleet.Repo.EnumerateYamlFiles(resolved)
            : [];
        if (files.Count == 0)
        {
            var what = _fleet.Repo.DirectoryExists(resolved) ? "has no YAML files" : "does not exist";
            return CompiledSource.Failed(new Diagnostic(at, $"{source}: manifests path \"{written}\" {what}", "SourceNotFound"));
        }
        var errors = new List<Diagnostic>();
        var objects = new List<CompiledObject>();
        var compiler = new ObjectCompiler(errors, _fleet.Repo.Limits) { Workspace = WorkspaceOf(source), Provisioned = provisioned };
        foreach (var file in files)
        {
            var loaded = YamlLoader.Load(file, _fleet.Repo.ReadText(file, at), _fleet.Repo.Limits);
            errors.AddRange(loaded.Diagnostics);
            foreach (var document in loaded.Documents)
            {
                if (document.Root is not JsonObject obj)
                {
                    errors.Add(new Diagnostic(document.Location, $"{source}: a manifest must be a mapping (a Kubernetes object)", "InvalidManifest"));
                    continue;
                }
                if (obj["apiVersion"] is JsonValue api && api.TryGetValue<string>(out var version) && version.StartsWith("edgeplane.dev/", StringComparison.Ordinal))
                {
                    errors.Add(new Diagnostic(document.Location,
                        $"{source}: this is a fleet resource, not a manifest; point the source at a file or directory of Kubernetes manifests only", "FleetResourceInManifests"));
                    continue;
                }
                if (compiler.Compile(obj, source, defaultNamespace, document.Map, document.Location, objects.Count) is { } compiled)
                {
                    objects.Add(compiled);
                }
            }
        }
        return new CompiledSource(objects, errors);
    }

    /// <summary>The workspace whose objects <paramref name="source"/> (<c>Kind/name</c>) renders, or null for the platform's.</summary>
    private string? WorkspaceOf(string source)
    {
        var slash = source.IndexOf('/', StringComparison.Ordinal);
        var (kind, name) = slash < 0 ? (source, "") : (source[..slash], source[(slash + 1)..]);
        return kind switch
        {
            nameof(ResourceKind.Application) => _fleet.Applications.Find(name)?.Spec.Workspace,
            nameof(ResourceKind.NetworkFunction) => _fleet.NetworkFunctions.Find(name)?.Spec.Workspace,
            nameof(ResourceKind.Workspace) => name,
            _ => null,
        };
    }

    private CompiledSource Compile(IReadOnlyList<JsonObject> made, string source, string? defaultNamespace, SourceMap? map, SourceLocation at,
        DeletionPolicy? provisioned = null)
    {
        var errors = new List<Diagnostic>();
        var compiler = new ObjectCompiler(errors, _fleet.Repo.Limits) { Workspace = WorkspaceOf(source), Provisioned = provisioned };
        var objects = new List<CompiledObject>(made.Count);
        for (var i = 0; i < made.Count; i++)
        {
            if (compiler.Compile(made[i], source, defaultNamespace, map, at, i) is { } compiled)
            {
                objects.Add(compiled);
            }
        }
        return new CompiledSource(objects, errors);
    }
}

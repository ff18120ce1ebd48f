using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Edgeplane.Model.Diagnostics;
using Edgeplane.Model.Sources;

namespace Edgeplane.Rendering.Kustomize;

/// <summary>
/// A native implementation of the core of kustomize (v5.5, as <c>kubectl kustomize</c>) over one repo snapshot:
/// resources and bases, components, namespace, name prefix and suffix, labels and annotations, images, replicas,
/// strategic merge and JSON 6902 patches, ConfigMap and Secret generators with kustomize's name hashes, name
/// references and kustomize's output order. Everything is read through the <see cref="RepoFileSystem"/> sandbox.
/// </summary>
/// <remarks>
/// Thread-safe. Parsed files and the built results of bases are cached per directory for the builder's lifetime,
/// so create one builder per repo snapshot; results are fresh copies the caller owns.
/// </remarks>
public sealed partial class KustomizeBuilder
{
    private readonly RepoFileSystem _repo;
    private readonly RegexCache _regexes = new();
    private readonly ConcurrentDictionary<string, Lazy<Cached<Kustomization>>> _kustomizations = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Cached<ResourceList>>> _bases = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _roots = new(StringComparer.Ordinal);

    /// <summary>Creates a builder over one repo snapshot.</summary>
    public KustomizeBuilder(RepoFileSystem repo) => _repo = repo;

    /// <summary>
    /// Builds the kustomization in the repo-relative <paramref name="repoRelativeDirectory"/> ("" or "." for the root):
    /// the objects in kustomize's output order, or the problems (file:line:col) that stopped the build.
    /// </summary>
    public KustomizeResult Build(string repoRelativeDirectory)
    {
        try
        {
            var directory = ResolveRoot(repoRelativeDirectory);
            using var scope = Enter(directory);
            var kustomization = RequireKustomization(directory, SourceLocation.FileOnly(Display(directory)));
            if (kustomization.IsComponent)
            {
                throw KustomizeException.At(new SourceLocation(kustomization.File, 1, 1), "InvalidKustomization",
                    "a Component cannot be built on its own; list it under 'components' of a Kustomization");
            }
            CheckCycles(kustomization);
            var list = Accumulate(kustomization);
            Finish(list, kustomization);
            return new KustomizeResult([.. list.Items.Select(r => r.Node)], []);
        }
        catch (KustomizeException e)
        {
            return new KustomizeResult([], [e.Diagnostic]);
        }
        catch (RepoPathException e)
        {
            return new KustomizeResult([], [e.Diagnostic]);
        }
    }

    private string ResolveRoot(string directory)
    {
        var trimmed = directory.Trim();
        var resolved = trimmed is "" or "." ? "" : _roots.GetOrAdd(trimmed, t => _repo.Resolve("", t, SourceLocation.FileOnly(t)));
        if (!DirectoryExists(resolved))
        {
            throw KustomizeException.At(SourceLocation.FileOnly(trimmed), "FileNotFound", $"directory '{trimmed}' does not exist");
        }
        return resolved;
    }

    /// <summary>The steps kustomize runs once, on the top-level result: hashes, name references, local-config removal, order.</summary>
    private static void Finish(ResourceList list, Kustomization root)
    {
        foreach (var resource in list.Items.Where(r => r.NeedsHash))
        {
            var hash = NameHasher.Hash(resource.Node);
            resource.StorePreviousId();
            ObjectFields.SetMetadataString(resource.Node, "name", $"{resource.Name}-{hash}");
        }
        NameReferenceTransformer.Apply(list, new SourceLocation(root.File, 1, 1));
        list.RemoveAll(r => r.Node["metadata"] is JsonObject { } m && m["annotations"] is JsonObject a
            && ObjectFields.ScalarText(a["config.kubernetes.io/local-config"]) == "true");
        foreach (var resource in list.Items)
        {
            MetadataStrings.Rewrite(resource.Node, "annotations", dropEmpty: resource.HasBuildAnnotations);
        }
        LegacyOrder.Sort(list);
    }

    private static string Display(string directory) => directory.Length == 0 ? "." : directory;

    /// <summary>A cached outcome: a value, or the problem that stopped it (rethrown on every use).</summary>
    private sealed record Cached<T>(T? Value, Diagnostic? Error) where T : class
    {
        public T Get() => Value ?? throw new KustomizeException(Error!);

        public static Cached<T> Run(Func<T> produce)
        {
            try
            {
                return new Cached<T>(produce(), null);
            }
            catch (KustomizeException e)
            {
                return new Cached<T>(null, e.Diagnostic);
            }
            catch (RepoPathException e)
            {
                return new Cached<T>(null, e.Diagnostic);
            }
        }
    }
}

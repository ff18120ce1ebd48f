using System.Collections.Concurrent;
using Edgeplane.Model.Diagnostics;
using Edgeplane.Model.Yaml;

namespace Edgeplane.Rendering.Kustomize;

public sealed partial class KustomizeBuilder
{
    private static readonly string[] KustomizationFileNames = ["kustomization.yaml", "kustomization.yml", "Kustomization"];

    private readonly ConcurrentDictionary<string, Lazy<Cached<IReadOnlyList<YamlDocument>>>> _documents = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Cached<byte[]>>> _bytes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Cached<LoadedPatch>>> _patches = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _directories = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _files = new(StringComparer.Ordinal);

    // The snapshot does not change during the builder's life, so existence checks are asked once per path.
    private bool DirectoryExists(string path) => _directories.GetOrAdd(path, _repo.DirectoryExists);

    private bool FileExists(string path) => _files.GetOrAdd(path, _repo.FileExists);

    /// <summary>The kustomization of a directory; an error at <paramref name="referencedAt"/> when it has none.</summary>
    private Kustomization RequireKustomization(string directory, SourceLocation referencedAt)
    {
        if (!HasKustomization(directory))
        {
            throw KustomizeException.At(referencedAt, "NoKustomization",
                $"unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory '{Display(directory)}'");
        }
        return Cache(_kustomizations, directory, directory, () => ParseKustomization(directory));
    }

    private bool HasKustomization(string directory) =>
        _kustomizations.ContainsKey(directory) || Array.Exists(KustomizationFileNames, name => FileExists(Join(directory, name)));

    private Kustomization ParseKustomization(string directory)
    {
        var present = KustomizationFileNames.Select(name => Join(directory, name)).Where(FileExists).ToList();
        if (present.Count > 1)
        {
            throw KustomizeException.At(SourceLocation.FileOnly(present[1]), "MultipleKustomizations",
                $"found multiple kustomization files in '{Display(directory)}': {string.Join(", ", present)}");
        }
        var documents = LoadDocuments(present[0], SourceLocation.FileOnly(present[0]));
        if (documents.Count == 0 || documents[0].Root is System.Text.Json.Nodes.JsonObject { Count: 0 })
        {
            throw KustomizeException.At(SourceLocation.FileOnly(present[0]), "InvalidKustomization", "the kustomization file is empty");
        }
        if (documents.Count > 1)
        {
            throw KustomizeException.At(documents[1].Location, "InvalidKustomization", "a kustomization file must hold one YAML document");
        }
        return KustomizationParser.Parse(documents[0], _repo, directory);
    }

    /// <summary>The parsed YAML documents of a file (shared: clone before changing them).</summary>
    private IReadOnlyList<YamlDocument> LoadDocuments(string file, SourceLocation referencedAt) =>
        Cache(_documents, file, file, () =>
        {
            var loaded = YamlLoader.Load(file, _repo.ReadText(file, referencedAt), _repo.Limits);
            return loaded.Succeeded ? loaded.Documents : throw new KustomizeException(loaded.Diagnostics[0]);
        });

    /// <summary>The raw content of a file a generator reads (shared: do not change it).</summary>
    private byte[] LoadBytes(PathReference file) =>
        Cache(_bytes, Require(file), Require(file), () =>
        {
            var path = Require(file);
            if (!FileExists(path))
            {
                throw KustomizeException.At(file.At, "FileNotFound", $"file '{file.Written}' does not exist");
            }
            return _repo.ReadBytes(path, file.At);
        });

    private LoadedPatch LoadPatch(PatchSpec spec, Kustomization owner)
    {
        if (spec.Inline is not null)
        {
            var loaded = YamlLoader.Load(owner.File, spec.Inline, _repo.Limits);
            if (!loaded.Succeeded)
            {
                var inner = loaded.Diagnostics[0];
                throw KustomizeException.At(spec.InlineAt, "InvalidPatch", $"inline patch, line {inner.Location.Line}: {inner.Message}");
            }
            return LoadedPatch.From(loaded.Documents, "inline patch", spec.InlineAt, spec.Field);
        }
        var path = spec.Path!;
        var file = Require(path);
        return Cache(_patches, $"{spec.Field}:{file}", file, () =>
        {
            if (!FileExists(file))
            {
                throw KustomizeException.At(path.At, "FileNotFound", $"patch file '{path.Written}' does not exist");
            }
            return LoadedPatch.From(LoadDocuments(file, path.At), $"patch file '{file}'", path.At, spec.Field);
        });
    }

    /// <summary>The resolved path, or the sandbox's refusal reported where the path was written.</summary>
    private static string Require(PathReference path) => path.Resolved ?? throw new KustomizeException(path.Refusal!);

    private static string Join(string directory, string name) => directory.Length == 0 ? name : $"{directory}/{name}";
}

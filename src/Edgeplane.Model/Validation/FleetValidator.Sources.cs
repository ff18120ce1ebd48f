using Edgeplane.Model.Sources;
using Edgeplane.Model.Specs;

namespace Edgeplane.Model.Validation;

internal sealed partial class FleetValidator
{
    /// <summary>
    /// A source path must stay inside the repo and exist. Paths with variables (<c>${cluster.layer}</c>) can only be
    /// checked when a cluster is rendered; here only the part before the first variable is checked.
    /// </summary>
    private void CheckSource(SourceSpec source, ResourceOrigin origin, string owner)
    {
        if (source.Path is not { } path)
        {
            return;
        }
        var key = source.Type == SourceType.Kustomize ? "kustomize" : "manifests";
        var at = origin.Locate("spec", "source", key, "path");
        var variable = path.IndexOf("${", StringComparison.Ordinal);
        var fixedPart = variable < 0 ? path : path[..variable];
        if (variable >= 0)
        {
            fixedPart = fixedPart.Contains('/', StringComparison.Ordinal) ? fixedPart[..fixedPart.LastIndexOf('/')] : ".";
        }
        try
        {
            var resolved = _repo.Resolve(origin.Directory, fixedPart.Length == 0 ? "." : fixedPart, at);
            if (variable >= 0)
            {
                return;
            }
            if (source.Type == SourceType.Kustomize && !HasKustomization(resolved))
            {
                Error(at, "SourceNotFound", $"{owner}: spec.source.kustomize.path \"{path}\" has no kustomization.yaml");
            }
            else if (source.Type == SourceType.Manifests && !_repo.FileExists(resolved) && !_repo.DirectoryExists(resolved))
            {
                Error(at, "SourceNotFound", $"{owner}: spec.source.manifests.path \"{path}\" does not exist");
            }
        }
        catch (RepoPathException e)
        {
            _bag.Add(e.Diagnostic with { Message = $"{owner}: {e.Diagnostic.Message}" });
        }
    }

    private bool HasKustomization(string directory) =>
        _repo.DirectoryExists(directory)
        && new[] { "kustomization.yaml", "kustomization.yml", "Kustomization" }.Any(f => _repo.FileExists(directory.Length == 0 ? f : $"{directory}/{f}"));
}

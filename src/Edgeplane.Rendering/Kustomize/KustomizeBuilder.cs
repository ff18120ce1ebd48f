using Edgeplane.Model.Sources;

namespace Edgeplane.Rendering.Kustomize;

/// <summary>
/// A native implementation of the core of kustomize over a fleet repo. Contract (to be implemented):
/// builds are cached per directory and thread-safe; results are fresh copies.
/// </summary>
public sealed class KustomizeBuilder
{
    private readonly RepoFileSystem _repo;

    /// <summary>Creates a builder over one repo snapshot.</summary>
    public KustomizeBuilder(RepoFileSystem repo) => _repo = repo;

    /// <summary>Builds the kustomization in the repo-relative <paramref name="directory"/>.</summary>
    public KustomizeResult Build(string directory) =>
        throw new NotImplementedException($"kustomize build of '{directory}' in {_repo.Root} is not implemented yet");
}

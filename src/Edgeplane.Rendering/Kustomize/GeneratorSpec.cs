using Edgeplane.Model.Diagnostics;

namespace Edgeplane.Rendering.Kustomize;

/// <summary>One entry of <c>configMapGenerator</c> or <c>secretGenerator</c>, with the generator options merged in.</summary>
internal sealed record GeneratorSpec
{
    /// <summary><c>ConfigMap</c> or <c>Secret</c>.</summary>
    public required string Kind { get; init; }

    public required string Name { get; init; }

    public string Namespace { get; init; } = "";

    public GeneratorBehavior Behavior { get; init; }

    /// <summary>The Secret type (default Opaque); empty for ConfigMaps.</summary>
    public string Type { get; init; } = "";

    public IReadOnlyList<Located<string>> Literals { get; init; } = [];

    /// <summary><c>files</c> entries: the key and the file, each with its location.</summary>
    public IReadOnlyList<(string Key, PathReference File)> Files { get; init; } = [];

    public IReadOnlyList<PathReference> Envs { get; init; } = [];

    public IReadOnlyList<KeyValuePair<string, string>> Labels { get; init; } = [];

    public IReadOnlyList<KeyValuePair<string, string>> Annotations { get; init; } = [];

    public bool DisableNameSuffixHash { get; init; }

    public bool Immutable { get; init; }

    public required SourceLocation At { get; init; }
}

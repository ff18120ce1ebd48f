using Edgeplane.Model.Diagnostics;

namespace Edgeplane.Rendering.Kustomize;

/// <summary>A parsed kustomization file: only the supported fields, each with where it was written.</summary>
internal sealed record Kustomization
{
    /// <summary>The repo-relative directory holding the file.</summary>
    public required string Directory { get; init; }

    /// <summary>The repo-relative path of the kustomization file.</summary>
    public required string File { get; init; }

    /// <summary>True for <c>kind: Component</c>.</summary>
    public bool IsComponent { get; init; }

    public IReadOnlyList<PathReference> Resources { get; init; } = [];

    public IReadOnlyList<PathReference> Components { get; init; } = [];

    public Located<string>? Namespace { get; init; }

    public string NamePrefix { get; init; } = "";

    public string NameSuffix { get; init; } = "";

    public IReadOnlyList<LabelSpec> Labels { get; init; } = [];

    public IReadOnlyList<KeyValuePair<string, string>> CommonLabels { get; init; } = [];

    public IReadOnlyList<KeyValuePair<string, string>> CommonAnnotations { get; init; } = [];

    public IReadOnlyList<ImageSpec> Images { get; init; } = [];

    public IReadOnlyList<ReplicaSpec> Replicas { get; init; } = [];

    /// <summary>The legacy <c>patchesStrategicMerge</c> entries (files or inline YAML).</summary>
    public IReadOnlyList<PatchSpec> PatchesStrategicMerge { get; init; } = [];

    public IReadOnlyList<PatchSpec> Patches { get; init; } = [];

    /// <summary>The legacy <c>patchesJson6902</c> entries.</summary>
    public IReadOnlyList<PatchSpec> PatchesJson6902 { get; init; } = [];

    public IReadOnlyList<GeneratorSpec> Generators { get; init; } = [];
}

/// <summary>A value with the place it was written.</summary>
internal sealed record Located<T>(T Value, SourceLocation At);

/// <summary>A path written in a kustomization, resolved against the repo sandbox when it was parsed.</summary>
/// <param name="Written">As written in the file.</param>
/// <param name="Resolved">Repo-relative path, or null when the sandbox refused it.</param>
/// <param name="Refusal">Why the sandbox refused it; reported only when the path is used.</param>
/// <param name="At">Where it was written.</param>
internal sealed record PathReference(string Written, string? Resolved, Diagnostic? Refusal, SourceLocation At);

/// <summary>One entry of <c>labels</c>.</summary>
internal sealed record LabelSpec(
    IReadOnlyList<KeyValuePair<string, string>> Pairs, bool IncludeSelectors, bool IncludeTemplates,
    IReadOnlyList<FieldSpec> Fields, SourceLocation At);

/// <summary>One entry of <c>images</c>.</summary>
internal sealed record ImageSpec(string Name, string NewName, string NewTag, string Digest, SourceLocation At);

/// <summary>One entry of <c>replicas</c>.</summary>
internal sealed record ReplicaSpec(string Name, long Count, SourceLocation At);

using Edgeplane.Model.Diagnostics;

namespace Edgeplane.Rendering.Kustomize;

/// <summary>Which kustomization field a patch came from; it decides what the patch may be.</summary>
internal enum PatchField
{
    /// <summary><c>patches</c>: a strategic merge patch or a JSON 6902 patch, with or without a target.</summary>
    Patches,

    /// <summary><c>patchesStrategicMerge</c>: strategic merge patches only, matched by their own id.</summary>
    StrategicMerge,

    /// <summary><c>patchesJson6902</c>: a JSON 6902 patch with a required target.</summary>
    Json6902,
}

/// <summary>One patch entry: inline text or a file, and an optional target.</summary>
internal sealed record PatchSpec(
    PatchField Field, PathReference? Path, string? Inline, SourceLocation InlineAt, PatchTarget? Target,
    bool AllowNameChange, bool AllowKindChange, SourceLocation At);

/// <summary>A patch <c>target</c>: every set field must match; name and namespace are anchored regular expressions.</summary>
internal sealed record PatchTarget(
    string Group, string Version, string Kind, string Name, string Namespace,
    string LabelSelector, string AnnotationSelector, SourceLocation At);

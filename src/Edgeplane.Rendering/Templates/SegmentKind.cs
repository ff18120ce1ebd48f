namespace Edgeplane.Rendering.Templates;

/// <summary>What a piece of a compiled object is.</summary>
internal enum SegmentKind : byte
{
    /// <summary>Canonical bytes, the same for every cluster.</summary>
    Literal,
    /// <summary>A string with <c>${…}</c> references, substituted per cluster.</summary>
    Variable,
    /// <summary>The bundle's cluster name (ownership labels).</summary>
    ClusterName,
    /// <summary>The <c>edgeplane.dev/source-revision</c> entry; left out of the content digest.</summary>
    Revision,
    /// <summary>The <c>namespace</c> entry filled in for namespaced kinds that did not name one.</summary>
    DefaultNamespace,
}

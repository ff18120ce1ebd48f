namespace Edgeplane.Rendering.Kustomize;

/// <summary>How a generated ConfigMap or Secret meets an existing one with the same id (kustomize's <c>behavior</c>).</summary>
internal enum GeneratorBehavior
{
    /// <summary>Not generated, or generated with the default <c>create</c>: an existing object with the same id is an error.</summary>
    Create,

    /// <summary>Data and metadata are merged into the existing object, the new values winning.</summary>
    Merge,

    /// <summary>The existing object is replaced, keeping its name, namespace, labels and annotations merged.</summary>
    Replace,
}

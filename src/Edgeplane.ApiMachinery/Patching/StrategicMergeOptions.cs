using System.Text.Json.Nodes;

namespace Edgeplane.ApiMachinery.Patching;

/// <summary>Where a strategic merge finds its merge keys, and which <see cref="MergeDialect"/> it speaks.</summary>
public sealed record StrategicMergeOptions
{
    /// <summary>The dialect; <see cref="MergeDialect.Kustomize"/> unless set.</summary>
    public MergeDialect Dialect { get; init; }

    /// <summary>The schema of the target object; null to look it up with <see cref="SchemaOf"/>.</summary>
    public MergeSchema? Schema { get; init; }

    /// <summary>
    /// The schema of an object that carries its own <c>apiVersion</c> and <c>kind</c>, asked wherever no schema is known
    /// (the target itself, or an object embedded under a field the schema does not describe); null when the kind has none.
    /// </summary>
    public Func<JsonObject, MergeSchema?>? SchemaOf { get; init; }

    /// <summary>kube-apiserver's merge of an object of a kind with this schema.</summary>
    public static StrategicMergeOptions KubeApiServer(MergeSchema schema) => new() { Dialect = MergeDialect.KubeApiServer, Schema = schema };

    /// <summary>kustomize's merge, with kustomize's built-in schemas looked up per object.</summary>
    public static StrategicMergeOptions Kustomize(Func<JsonObject, MergeSchema?> schemaOf) => new() { Dialect = MergeDialect.Kustomize, SchemaOf = schemaOf };
}

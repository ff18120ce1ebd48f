using Edgeplane.Kubernetes.Objects;

namespace Edgeplane.Kubernetes.Apply;

/// <summary>
/// A CustomResourceDefinition the bundle no longer has but that was not pruned, because objects of its kind that are not
/// this bundle's to prune still exist: deleting the CRD would delete them with it. It stays in the inventory and is
/// pruned by a later apply (or <see cref="BundleApplier.RetryPruneAsync"/>) once they are gone, or when the live CRD
/// carries <see cref="EdgeplaneMetadata.PruneWithInstancesAnnotation"/>: "true".
/// </summary>
/// <param name="Object">The CRD.</param>
/// <param name="Kind">The kind it defines.</param>
/// <param name="Instances">How many objects of that kind hold it back.</param>
/// <param name="Named">Up to <see cref="MaxNamed"/> of them, as "namespace/name" or "name".</param>
public sealed record PruneBlock(ObjectRef Object, string Kind, int Instances, IReadOnlyList<string> Named)
{
    /// <summary>The PascalCase reason used for a held-back CRD (a ChangeSet message prefix, the agent's condition reason).</summary>
    public const string Reason = "PruneBlocked";

    /// <summary>Most instances named in <see cref="Named"/>.</summary>
    public const int MaxNamed = 5;

    /// <summary>What to do about it.</summary>
    public static string Remedy { get; } =
        $"delete them, or annotate the CustomResourceDefinition {EdgeplaneMetadata.PruneWithInstancesAnnotation}: \"{EdgeplaneMetadata.PruneWithInstancesValue}\"";

    /// <summary>E.g. "2 Widget object(s) that this bundle does not prune still exist (web/w1, web/w2) and would be deleted with it".</summary>
    public string Message
    {
        get
        {
            var more = Instances > Named.Count ? $", and {Instances - Named.Count} more" : "";
            return $"{Instances} {Kind} object(s) that this bundle does not prune still exist ({string.Join(", ", Named)}{more}) and would be deleted with it";
        }
    }

    /// <summary>"CustomResourceDefinition widgets.example.dev: " and the <see cref="Message"/>.</summary>
    public override string ToString() => $"{Object}: {Message}";
}

namespace Edgeplane.Model.Specs;

/// <summary>One loaded fleet resource: its identity, metadata, typed spec and where it was written.</summary>
/// <typeparam name="TSpec">The typed spec record.</typeparam>
public sealed record FleetResource<TSpec>(
    ResourceRef Ref,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Annotations,
    TSpec Spec,
    ResourceOrigin Origin)
{
    /// <summary>The resource name (<c>metadata.name</c>).</summary>
    public string Name => Ref.Name;
}

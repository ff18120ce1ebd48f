namespace Edgeplane.Model.Specs;

/// <summary>
/// A workspace's container limits, rendered as one <c>LimitRange</c> (type Container) in each namespace it owns.
/// Each map is resource name → Kubernetes quantity (<c>cpu: 500m</c>, <c>memory: 512Mi</c>); an empty map is left out.
/// </summary>
/// <param name="Default">Limits given to a container that sets none (<c>default</c>).</param>
/// <param name="DefaultRequest">Requests given to a container that sets none (<c>defaultRequest</c>).</param>
/// <param name="Max">The most a container may ask for (<c>max</c>).</param>
public sealed record WorkspaceLimitRangeSpec(
    IReadOnlyDictionary<string, string> Default,
    IReadOnlyDictionary<string, string> DefaultRequest,
    IReadOnlyDictionary<string, string> Max);

using System.Text.Json.Nodes;

namespace Edgeplane.Model.Specs;

/// <summary>Free-form values (Helm-style) attached to a scope, profile, add-on or application. Never mutated after load.</summary>
/// <param name="Root">The mapping as written; callers must clone before changing it.</param>
public sealed record Values(JsonObject Root)
{
    /// <summary>No values.</summary>
    public static Values Empty { get; } = new(new JsonObject());

    /// <summary>True when there are no keys.</summary>
    public bool IsEmpty => Root.Count == 0;
}

using System.Text.Json.Nodes;

namespace Edgeplane.Rendering.Bundles;

/// <summary>One object of a bundle: its identity, the fleet resource that produced it and its canonical JSON bytes.</summary>
public sealed class BundleObject
{
    internal BundleObject(string apiVersion, string kind, string? ns, string name, string source, ReadOnlyMemory<byte> json)
    {
        ApiVersion = apiVersion;
        Kind = kind;
        Namespace = ns;
        Name = name;
        Source = source;
        Json = json;
    }

    /// <summary>apiVersion, e.g. <c>apps/v1</c>.</summary>
    public string ApiVersion { get; }

    /// <summary>Kind, e.g. <c>Deployment</c>.</summary>
    public string Kind { get; }

    /// <summary>Namespace, or null for cluster-scoped objects.</summary>
    public string? Namespace { get; }

    /// <summary>metadata.name.</summary>
    public string Name { get; }

    /// <summary>The producing fleet resource, <c>Kind/name</c> (the <c>edgeplane.dev/source</c> annotation).</summary>
    public string Source { get; }

    /// <summary>The object's canonical JSON: a slice of the bundle's canonical bytes.</summary>
    public ReadOnlyMemory<byte> Json { get; }

    /// <summary>A new, mutable copy of the object.</summary>
    public JsonObject ToJsonObject() => JsonNode.Parse(Json.Span)!.AsObject();

    /// <inheritdoc />
    public override string ToString() => Namespace is null ? $"{Kind} {Name}" : $"{Kind} {Namespace}/{Name}";
}

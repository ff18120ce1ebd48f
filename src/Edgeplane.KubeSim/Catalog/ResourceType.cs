using Edgeplane.KubeSim.Schema;

namespace Edgeplane.KubeSim.Catalog;

/// <summary>One served kind in one group version: what discovery lists and what the handlers dispatch on.</summary>
internal sealed record ResourceType
{
    public required string Group { get; init; }

    public required string Version { get; init; }

    public required string Kind { get; init; }

    public required string Plural { get; init; }

    public required string Singular { get; init; }

    public required bool Namespaced { get; init; }

    public string[] ShortNames { get; init; } = [];

    public string[] Categories { get; init; } = [];

    /// <summary>Has a <c>/status</c> subresource: main writes ignore status, status writes change only status.</summary>
    public bool HasStatus { get; init; }

    /// <summary>metadata.generation is kept and bumped on changes outside metadata and status.</summary>
    public bool TracksGeneration { get; init; }

    /// <summary>Defined by a CustomResourceDefinition (no strategic merge patch, schema from the CRD).</summary>
    public bool IsCustom { get; init; }

    public required ResourceSchema Schema { get; init; }

    public IReadOnlyList<PrinterColumn> PrinterColumns { get; init; } = [];

    public string ListKind => Kind + "List";

    public string GroupVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    public string QualifiedResource => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    public ResourceKey Key => new(Group, Plural);

    public static readonly string[] Verbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];
}

namespace Edgeplane.Hub.Api.Contracts;

/// <summary>
/// An object a revision changed: its id (<c>apiVersion/Kind/namespace/name</c>; the bundle's own settings and order are
/// <c>edgeplane.dev/v1alpha1/Bundle/&lt;cluster&gt;</c>) and its fields that differ, at most
/// <see cref="RevisionDiffLimits.MaxFields"/>, the rest counted in <paramref name="OmittedFields"/>.
/// </summary>
public sealed record ObjectDiffResponse(string Id, IReadOnlyList<FieldDiffResponse> Fields, int OmittedFields);

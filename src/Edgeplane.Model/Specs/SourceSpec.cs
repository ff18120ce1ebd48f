namespace Edgeplane.Model.Specs;

/// <summary>Where objects come from. Exactly one of <c>manifests</c>, <c>kustomize</c>, <c>helm</c> is written.</summary>
/// <param name="Type">Which kind of source.</param>
/// <param name="Path">Repo path for manifests/kustomize, relative to the declaring file; may use <c>${cluster.*}</c> variables.</param>
/// <param name="Helm">The chart, for Helm sources.</param>
public sealed record SourceSpec(SourceType Type, string? Path, HelmChartSpec? Helm);

namespace Edgeplane.Hub.Api.Contracts;

/// <summary>
/// The limits a revision diff was cut to: clusters per answer, objects per cluster, fields per object, characters per
/// value (compact JSON). <c>HubLimits.Diff*</c> set them.
/// </summary>
public sealed record RevisionDiffLimits(int MaxClusters, int MaxObjects, int MaxFields, int MaxValueChars);

namespace Edgeplane.Hub.Api.Contracts;

/// <summary>The revision a diff compares with: the one applied before.</summary>
public sealed record RevisionDiffBase(string Sha);

namespace Edgeplane.Hub.Api.Contracts;

/// <summary>A page of a list; pass <see cref="Continue"/> as <c>?continue=</c> for the next one (null on the last).</summary>
public sealed record PageResponse<T>(IReadOnlyList<T> Items, string? Continue);

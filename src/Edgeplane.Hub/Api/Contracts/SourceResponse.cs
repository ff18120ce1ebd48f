namespace Edgeplane.Hub.Api.Contracts;

/// <summary>The fleet repo and its last fetch.</summary>
public sealed record SourceResponse(string Repo, string Branch, string? Head, DateTime? LastFetchAt, string? LastFetchError);

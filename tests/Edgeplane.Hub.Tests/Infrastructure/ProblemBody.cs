namespace Edgeplane.Hub.Tests.Infrastructure;

/// <summary>The fields of an RFC 7807 problem the tests look at.</summary>
public sealed record ProblemBody(string? Type, string? Title, int? Status, string? Detail);

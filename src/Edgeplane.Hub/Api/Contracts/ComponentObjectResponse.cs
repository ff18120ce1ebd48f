namespace Edgeplane.Hub.Api.Contracts;

/// <summary>
/// One object of a component with its health (<c>Current</c>, <c>InProgress</c>, <c>Failed</c> or <c>Unknown</c>), why
/// when it is not Current, and whether the last drift check found it drifted.
/// </summary>
public sealed record ComponentObjectResponse(string ApiVersion, string Kind, string? Namespace, string Name, string Health, bool Drifted, string? Message);

namespace Edgeplane.Hub.Api.Contracts;

/// <summary>One object of a bundle, by identity.</summary>
public sealed record ObjectRef(string? ApiVersion, string? Kind, string? Namespace, string? Name);

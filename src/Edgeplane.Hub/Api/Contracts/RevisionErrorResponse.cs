namespace Edgeplane.Hub.Api.Contracts;

/// <summary>One error of a failed revision: where (repo-relative file, 1-based line and column; 0 when unknown) and what.</summary>
public sealed record RevisionErrorResponse(string File, int Line, int Column, string Code, string Message);

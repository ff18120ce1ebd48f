namespace Edgeplane.Hub.Store;

/// <summary>One error of a failed revision, at a file, line and column of the fleet repo.</summary>
internal sealed record RevisionErrorView(string File, int Line, int Column, string Code, string Message);

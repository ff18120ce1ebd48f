namespace Edgeplane.Model.Specs;

/// <summary>A user or group (<c>user:alice@example.com</c>, <c>group:ran-ops</c>) and its role.</summary>
public sealed record WorkspaceMemberSpec(string Subject, WorkspaceRole Role);

namespace Edgeplane.Hub.Api.Contracts;

/// <summary>
/// The caller as the hub sees it: its subject, every grant it holds (a role, fleet-wide when <c>workspace</c> is null),
/// and what those let it change, so a client shows only the actions it may take (the API still checks every call).
/// </summary>
public sealed record WhoAmIResponse(string Subject, IReadOnlyList<GrantResponse> Grants, CallerAbilities Can);

/// <summary>One role and where it holds.</summary>
public sealed record GrantResponse(string Role, string? Workspace);

/// <summary>
/// The changes the caller may make: approve held revisions, pause/resume/abort/promote rollouts and revoke clusters
/// (fleet-admin), manage API tokens (fleet-admin, or workspace-admin for its workspace).
/// </summary>
public sealed record CallerAbilities(bool ApproveRevisions, bool SteerRollouts, bool RevokeClusters, bool ManageTokens);

namespace Edgeplane.Hub.Store.Entities;

/// <summary>A Workspace of the last applied revision, as authorisation needs it.</summary>
internal sealed class WorkspaceRecord
{
    public required string Name { get; set; }

    /// <summary>The revision (commit) that declared it as it is.</summary>
    public required string Revision { get; set; }

    /// <summary>JSON object: subject (<c>user:…</c>, <c>group:…</c>) → role (<c>admin</c>, <c>member</c>, <c>viewer</c>).</summary>
    public required string MembersJson { get; set; }

    /// <summary>JSON array of the namespaces it owns.</summary>
    public required string NamespacesJson { get; set; }

    /// <summary>JSON array of its Applications and NetworkFunctions with their placement (<c>StoredWorkload</c>).</summary>
    public string WorkloadsJson { get; set; } = "[]";
}

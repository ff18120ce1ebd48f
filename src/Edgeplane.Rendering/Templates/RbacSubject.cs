namespace Edgeplane.Rendering.Templates;

/// <summary>A subject of a RoleBinding as written (<c>ServiceAccount</c>, <c>User</c> or <c>Group</c>).</summary>
internal sealed record RbacSubject(string Kind, string Name, string? Namespace);

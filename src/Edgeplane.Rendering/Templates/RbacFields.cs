namespace Edgeplane.Rendering.Templates;

/// <summary>
/// What a RoleBinding binds (its roleRef and subjects) or what a Role grants that lets its holder gain rights
/// (<see cref="EscalatingRules"/>: <c>escalate</c>, <c>bind</c>, <c>impersonate</c>, or <c>*</c> on the RBAC API).
/// </summary>
internal sealed record RbacFields(string? RoleRefKind, string? RoleRefName, IReadOnlyList<RbacSubject> Subjects, IReadOnlyList<string> EscalatingRules);

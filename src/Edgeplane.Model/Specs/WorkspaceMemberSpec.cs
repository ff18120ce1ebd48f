namespace Edgeplane.Model.Specs;

/// <summary>A user or group (<c>user:alice@example.com</c>, <c>group:ran-ops</c>) and its role.</summary>
public sealed record WorkspaceMemberSpec(string Subject, WorkspaceRole Role)
{
    /// <summary>
    /// The RBAC subject kind (<c>User</c> or <c>Group</c>) and name of <paramref name="subject"/>, or null when it is not
    /// <c>user:</c> or <c>group:</c> and a name of 1 to 253 printable ASCII characters that does not start with
    /// <c>system:</c> (names Kubernetes reserves for its own users and groups).
    /// </summary>
    public static (string Kind, string Name)? Parse(string subject)
    {
        var (kind, name) = subject.StartsWith("user:", StringComparison.Ordinal) ? ("User", subject[5..])
            : subject.StartsWith("group:", StringComparison.Ordinal) ? ("Group", subject[6..]) : ("", "");
        var valid = kind.Length > 0 && name.Length is > 0 and <= 253 && name.All(c => c is > ' ' and < '\x7f')
            && !name.StartsWith("system:", StringComparison.Ordinal);
        return valid ? (kind, name) : null;
    }
}

using Edgeplane.Model.Diagnostics;
using Edgeplane.Model.Specs;
using Edgeplane.Rendering.Templates;

namespace Edgeplane.Rendering.Units;

internal static partial class Tenancy
{
    /// <summary>The ClusterRole no workspace may ever bind, whatever its allowedClusterRoles say.</summary>
    public const string ClusterAdmin = "cluster-admin";

    /// <summary>Names every workspace object is compared with for confusables, besides the workspaces' namespaces.</summary>
    public static readonly IReadOnlyList<string> WellKnownNames =
        ["kube-system", "kube-public", "kube-node-lease", "default", ClusterAdmin, "admin", "edit", "view", "edgeplane-workspace"];

    /// <summary>Name, namespace, roleRef and subject names: ASCII, no invisible or bidi characters, within length.</summary>
    private static bool CheckNames(FleetResource<WorkspaceSpec> workspace, string what, CompiledObject obj, string name, string? ns,
        IReadOnlySet<string> known, List<Diagnostic> errors)
    {
        var names = new List<(string Field, string Value, bool IsNamespace)> { ("metadata.name", name, obj.Kind == "Namespace" && obj.Group.Length == 0) };
        if (ns is not null)
        {
            names.Add(("metadata.namespace", ns, true));
        }
        if (obj.Policy?.Rbac is { } rbac)
        {
            names.AddRange(rbac.Subjects.Select((s, i) => ($"subjects[{i}].name", s.Name, false)));
            names.AddRange(rbac.Subjects.Select((s, i) => ($"subjects[{i}].namespace", s.Namespace, true)).Where(n => n.Namespace is not null)
                .Select(n => (n.Item1, n.Namespace!, true)));
            if (rbac.RoleRefName is { } role)
            {
                names.Add(("roleRef.name", role, false));
            }
        }
        var before = errors.Count;
        foreach (var (field, value, isNamespace) in names)
        {
            if (NameSafety.Check(value, isNamespace, known) is var (code, why))
            {
                errors.Add(new Diagnostic(obj.Location, $"{what}: {field} \"{value}\" {why}; Workspace \"{workspace.Name}\" may not use it", code));
            }
        }
        return errors.Count == before;
    }

    private static void CheckPolicy(FleetResource<WorkspaceSpec> workspace, string what, SourceLocation at, string? ns, PolicyFields policy, List<Diagnostic> errors)
    {
        foreach (var finding in policy.Pod)
        {
            if (finding.Capability is { } capability)
            {
                if (!workspace.Spec.AllowedCapabilities.Contains(capability, StringComparer.Ordinal))
                {
                    errors.Add(new Diagnostic(at, $"{what}: {finding.Field} adds the capability {capability}, which is beyond the Pod Security baseline list "
                        + $"and not in Workspace \"{workspace.Name}\"'s spec.allowedCapabilities", finding.Code));
                }
            }
            else
            {
                errors.Add(new Diagnostic(at, $"{what}: {finding.Field} gives its pods access to the node; Workspace \"{workspace.Name}\"'s pods may not "
                    + "be privileged or use host paths, the host's network, PID or IPC namespaces, or host ports", finding.Code));
            }
        }
        if (policy.Rbac is { } rbac)
        {
            CheckRbac(workspace, what, at, ns, rbac, errors);
        }
    }

    private static void CheckRbac(FleetResource<WorkspaceSpec> workspace, string what, SourceLocation at, string? ns, RbacFields rbac, List<Diagnostic> errors)
    {
        foreach (var rule in rbac.EscalatingRules)
        {
            errors.Add(new Diagnostic(at, $"{what}: {rule}, which lets its holders give themselves any right; a workspace may not grant it", "RbacEscalation"));
        }
        if (rbac.RoleRefKind == "ClusterRole" && rbac.RoleRefName == ClusterAdmin)
        {
            errors.Add(new Diagnostic(at, $"{what} binds the ClusterRole \"{ClusterAdmin}\"; a workspace may never bind {ClusterAdmin}", "RbacEscalation"));
        }
        else if (rbac.RoleRefKind == "ClusterRole" && !workspace.Spec.AllowedClusterRoles.Contains(rbac.RoleRefName ?? "", StringComparer.Ordinal))
        {
            errors.Add(new Diagnostic(at, $"{what} binds the ClusterRole \"{rbac.RoleRefName}\", which is not in Workspace \"{workspace.Name}\"'s "
                + $"spec.allowedClusterRoles ({string.Join(", ", workspace.Spec.AllowedClusterRoles)})", "RbacEscalation"));
        }
        foreach (var subject in rbac.Subjects)
        {
            CheckSubject(workspace, what, at, ns, subject, errors);
        }
    }

    private static void CheckSubject(FleetResource<WorkspaceSpec> workspace, string what, SourceLocation at, string? ns, RbacSubject subject, List<Diagnostic> errors)
    {
        if (subject.Kind == "ServiceAccount" && !workspace.Spec.Namespaces.Contains(subject.Namespace ?? ns ?? ""))
        {
            errors.Add(new Diagnostic(at, $"{what} binds ServiceAccount \"{subject.Namespace}/{subject.Name}\" of a namespace Workspace \"{workspace.Name}\" "
                + $"does not own (it owns {Owned(workspace)})", "RbacSubjectNotAllowed"));
        }
        else if (subject.Kind is "User" or "Group" && subject.Name.StartsWith("system:", StringComparison.Ordinal))
        {
            errors.Add(new Diagnostic(at, $"{what} binds {subject.Kind} \"{subject.Name}\"; system: users and groups are Kubernetes' own "
                + "(nodes, controllers, every service account) and a workspace may not grant them rights", "RbacSubjectNotAllowed"));
        }
        else if (subject.Kind is not ("ServiceAccount" or "User" or "Group"))
        {
            errors.Add(new Diagnostic(at, $"{what} has a subject of kind \"{subject.Kind}\"; only ServiceAccount, User and Group are allowed", "RbacSubjectNotAllowed"));
        }
    }
}

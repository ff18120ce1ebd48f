using Edgeplane.Kubernetes.Objects;

namespace Edgeplane.Kubernetes.Apply;

/// <summary>One object's outcome. <paramref name="Message"/> says why for Skipped and Failed.</summary>
public sealed record ChangeSetEntry(ObjectRef Object, ChangeAction Action, string? Message = null)
{
    /// <summary>E.g. "Deployment web/api Created", with the message when there is one.</summary>
    public override string ToString() => Message is null ? $"{Object} {Action}" : $"{Object} {Action}: {Message}";
}

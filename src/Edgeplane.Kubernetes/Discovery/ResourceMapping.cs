namespace Edgeplane.Kubernetes.Discovery;

/// <summary>How the API server serves a kind: its group, version, plural resource name and scope.</summary>
public sealed record ResourceMapping(string Group, string Version, string Kind, string Plural, bool Namespaced)
{
    /// <summary>The apiVersion as written in objects: <c>v1</c> for the core group, else <c>group/version</c>.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";
}

namespace Edgeplane.Kubernetes.Discovery;

/// <summary>How the API server serves a kind: its group, version, plural resource name and scope.</summary>
public sealed record ResourceMapping(string Group, string Version, string Kind, string Plural, bool Namespaced)
{
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";
}

using System.Text;
using System.Text.Json.Nodes;

namespace Edgeplane.KubeSim.Controllers;

/// <summary>Names controllers derive from a pod template, like the pod-template-hash of a ReplicaSet.</summary>
internal static class WorkloadNames
{
    private const string Alphabet = "bcdfghjklmnpqrstvwxz2456789";

    /// <summary>A stable 10-character hash of the template, in the alphabet Kubernetes uses for generated names.</summary>
    public static string TemplateHash(JsonNode? template)
    {
        // FNV-1a over the canonical JSON: stable across runs and machines, unlike string.GetHashCode.
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(template?.ToJsonString() ?? string.Empty))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }
        var text = new StringBuilder(10);
        for (var i = 0; i < 10; i++)
        {
            text.Append(Alphabet[(int)(hash % (ulong)Alphabet.Length)]);
            hash /= (ulong)Alphabet.Length;
        }
        return text.ToString();
    }
}

using Edgeplane.Hub.Api.Contracts;
using Edgeplane.Hub.Pipeline;

namespace Edgeplane.Hub.Api;

/// <summary>
/// The health of one object of a cluster's desired bundle, read from the agent's last status report, which lists only
/// the objects that are not Current (<see cref="AgentStatusDetails"/>) and is about the applied bundle. An object it
/// lists has the health it gives. One it does not list is Current when the report is complete and the applied bundle
/// holds the object; otherwise the hub cannot tell, and says Unknown with the reason.
/// </summary>
internal sealed class ObjectHealthJudge
{
    public const string Current = "Current";
    public const string Unknown = "Unknown";

    private readonly Dictionary<(string Group, string Kind, string Namespace, string Name), ObjectHealthEntry> _listed = [];
    private readonly HashSet<(string Group, string Kind, string Namespace, string Name)> _drifted = [];
    private readonly string? _unlisted;
    private readonly Func<string, string, string?, string, bool> _applied;

    /// <param name="details">The last status report's details; null when the agent has not reported.</param>
    /// <param name="appliedDigest">The bundle the agent last applied (what the report's health is about).</param>
    /// <param name="desiredDigest">The bundle whose objects are judged.</param>
    /// <param name="applied">The identities of the applied bundle's objects, when it is not the desired one; null when unknown.</param>
    public ObjectHealthJudge(AgentStatusDetails? details, string? appliedDigest, string? desiredDigest, ObjectIdentitySet? applied)
    {
        foreach (var entry in details?.Objects ?? [])
        {
            _listed.TryAdd(Key(entry.ApiVersion, entry.Kind, entry.Namespace, entry.Name), entry);
        }
        foreach (var entry in details?.Drift ?? [])
        {
            _drifted.Add(Key(entry.ApiVersion, entry.Kind, entry.Namespace, entry.Name));
        }
        _unlisted = details is null ? "the agent has not reported its status yet"
            : appliedDigest is null ? "the agent has applied no bundle yet"
            : details.TruncatedObjects > 0 ? $"the last status report left {details.TruncatedObjects} object(s) out"
            : null;
        _applied = appliedDigest == desiredDigest ? static (_, _, _, _) => true
            : applied is null ? static (_, _, _, _) => false
            : applied.Contains;
    }

    /// <summary>The object's health, whether it drifted, and why when it is not Current.</summary>
    public (string Health, bool Drifted, string? Message) Judge(string apiVersion, string kind, string? ns, string name)
    {
        var key = Key(apiVersion, kind, ns, name);
        var drifted = _drifted.Contains(key);
        if (_listed.TryGetValue(key, out var entry))
        {
            return (entry.Status, drifted, entry.Message);
        }
        if (_unlisted is not null)
        {
            return (Unknown, drifted, _unlisted);
        }
        return _applied(apiVersion, kind, ns, name)
            ? (Current, drifted, null)
            : (Unknown, drifted, "not in the bundle the agent applied last");
    }

    /// <summary>The API group of an apiVersion: <c>apps</c> of <c>apps/v1</c>, empty for the core <c>v1</c>.</summary>
    public static string GroupOf(string apiVersion) => apiVersion.LastIndexOf('/') is var slash and >= 0 ? apiVersion[..slash] : "";

    private static (string, string, string, string) Key(string apiVersion, string kind, string? ns, string name) =>
        (GroupOf(apiVersion), kind, ns ?? "", name);
}

using System.Text.Json.Nodes;
using Edgeplane.Model.Diagnostics;

namespace Edgeplane.Rendering.Kustomize;

/// <summary>Updates one referrer field (a name, a list of names, or a map with name and namespace) to the new names.</summary>
internal sealed class NameReferenceFix(
    KustomizeResource referrer, FieldSpec spec, Gvk target, List<KustomizeResource> candidates, SourceLocation at)
{
    public void Visit(JsonObject parent, string key)
    {
        switch (parent[key])
        {
            case JsonValue:
                SetScalar(parent, key);
                break;
            case JsonObject map:
                SetMapping(map);
                break;
            case JsonArray list:
                for (var i = 0; i < list.Count; i++)
                {
                    if (list[i] is JsonObject element)
                    {
                        SetMapping(element);
                    }
                    else if (list[i] is JsonValue)
                    {
                        SetScalarInList(list, i);
                    }
                }
                break;
        }
    }

    private void SetScalar(JsonObject parent, string key)
    {
        if (ObjectFields.ScalarText(parent[key]) is { } old && Select(old, candidates, sameNamespaceToo: false) is { } referral
            && referral.Name != old)
        {
            parent[key] = referral.Name;
        }
    }

    private void SetScalarInList(JsonArray list, int index)
    {
        if (ObjectFields.ScalarText(list[index]) is { } old && Select(old, candidates, sameNamespaceToo: false) is { } referral
            && referral.Name != old)
        {
            list[index] = referral.Name;
        }
    }

    private void SetMapping(JsonObject map)
    {
        if (!map.ContainsKey("name"))
        {
            throw KustomizeException.At(at, "InvalidField", $"{referrer.CurrentId}: '{spec.Path}' holds a map without a 'name'");
        }
        var old = ObjectFields.ScalarText(map["name"]) ?? "";
        var pool = candidates;
        if (map.ContainsKey("namespace"))
        {
            var ns = ObjectFields.ScalarText(map["namespace"]) ?? "";
            pool = candidates.Where(c => c.OriginalId.EffectiveNamespace == ns).ToList();
            if (pool.Count == 0)
            {
                pool = candidates.Where(c => c.CurrentId.EffectiveNamespace == ns).ToList();
            }
        }
        if (Select(old, pool, sameNamespaceToo: true) is not { } referral
            || (referral.Name == old && referral.Namespace.Length == 0))
        {
            return;
        }
        map["name"] = referral.Name;
        if (referral.Namespace.Length > 0)
        {
            map["namespace"] = referral.Namespace;
        }
    }

    private KustomizeResource? Select(string oldName, List<KustomizeResource> pool, bool sameNamespaceToo)
    {
        var referral = Choose(oldName, pool, sameNamespaceToo);
        if (referral is not null)
        {
            // kustomize records the referral on the target (its refBy annotation).
            referral.HasBuildAnnotations = true;
        }
        return referral;
    }

    private KustomizeResource? Choose(string oldName, List<KustomizeResource> pool, bool sameNamespaceToo)
    {
        var found = pool.Where(r => r.PreviousIds.Exists(id => id.Name == oldName)
                && r.PreviousIds.Exists(id => id.Gvk.IsSelectedBy(target))
                && RoleRefAllows(r) && VisibleFromReferrer(r)).ToList();
        if (found.Count == 1)
        {
            return found[0];
        }
        found = found.Where(r => Affixes.Same(r.Prefixes, referrer.Prefixes) && Affixes.Same(r.Suffixes, referrer.Suffixes)).ToList();
        if (found.Count <= 1)
        {
            return found.FirstOrDefault();
        }
        if (found.TrueForAll(r => r.Name == found[0].Name && (!sameNamespaceToo || r.Namespace == found[0].Namespace)))
        {
            return found[0];
        }
        throw KustomizeException.At(at, "AmbiguousReference",
            $"{referrer.CurrentId}: '{oldName}' in '{spec.Path}' could refer to any of {string.Join(", ", found.Select(r => r.CurrentId))}");
    }

    private bool RoleRefAllows(KustomizeResource candidate)
    {
        if (!spec.Path.EndsWith("roleRef/name", StringComparison.Ordinal) || referrer.Node["roleRef"] is not JsonObject roleRef
            || ObjectFields.ScalarText(roleRef["apiGroup"]) is not { } group || ObjectFields.ScalarText(roleRef["kind"]) is not { } kind)
        {
            return true;
        }
        var wanted = new Gvk(group, "", kind);
        return candidate.PreviousIds.Exists(id => id.Gvk.IsSelectedBy(wanted));
    }

    private bool VisibleFromReferrer(KustomizeResource candidate)
    {
        var referrerId = referrer.CurrentId;
        if (referrerId.Gvk.IsClusterScoped)
        {
            return true;
        }
        var id = candidate.CurrentId;
        return id.Gvk.IsClusterScoped || candidate.Kind == "ServiceAccount" || id.EffectiveNamespace == referrerId.EffectiveNamespace;
    }
}

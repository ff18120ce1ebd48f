using System.Text.Json.Nodes;
using Edgeplane.KubeSim.Api;
using Edgeplane.KubeSim.Authorization;
using Edgeplane.KubeSim.Catalog;
using Edgeplane.KubeSim.Clusters;
using Edgeplane.KubeSim.Json;

namespace Edgeplane.KubeSim.Helm;

/// <summary>
/// Installs (or upgrades) a simulated chart into one virtual cluster the way helm-controller's Helm does, every call
/// made as the release's identity and authorised by <see cref="RbacAuthorizer"/> (RBAC's escalation checks included):
/// the objects are placed (namespaced ones without a namespace go to the release namespace) and labelled as Helm and
/// Flux label them, sorted in Helm's install order, then checked: each is read first, and one the identity may not
/// read, or one that exists but belongs to no release or another, stops the install before anything is written
/// (Helm's "Unable to continue with install"). Then the release namespace is created if asked and missing, new objects
/// are created and the release's own are patched; every write is attempted and the refusals are reported together.
/// Objects a later chart version drops are not deleted, and nothing is rolled back.
/// </summary>
internal sealed class HelmInstaller(VirtualCluster cluster, HelmReleaseView release, LoadedChart chart)
{
    public const string Manager = "helm-controller";

    private readonly RequestUser? _user = release.User;

    /// <summary>Null when every object is in place; otherwise Helm's error text.</summary>
    public string? Run(bool upgrade)
    {
        var placed = new List<(ObjectTarget Target, JsonObject Object)>();
        foreach (var obj in HelmInstallOrder.Sort(chart.Render()))
        {
            if (Place(obj) is not { } target)
            {
                var ns = obj.Namespace() ?? string.Empty;
                return "unable to build kubernetes objects from release manifest: resource mapping not found for name: " +
                    $"\"{obj.Name()}\" namespace: \"{ns}\" from \"\": no matches for kind \"{obj.Str("kind")}\" in version " +
                    $"\"{obj.Str("apiVersion")}\"\nensure CRDs are installed first";
            }
            placed.Add((target, obj));
        }
        var existing = new HashSet<ObjectTarget>();
        foreach (var (target, obj) in placed)
        {
            if (Conflict(target, obj, existing) is { } conflict)
            {
                return $"Unable to continue with {(upgrade ? "update" : "install")}: {conflict}";
            }
        }
        if (!upgrade && CreateNamespace() is { } failed)
        {
            return Errors([failed]);
        }
        var errors = placed.Select(p => existing.Contains(p.Target) ? Patch(p.Target, p.Object) : Create(p.Target, p.Object)).OfType<string>().ToList();
        return errors.Count == 0 ? null : Errors(errors);
    }

    private ObjectTarget? Place(JsonObject obj)
    {
        var type = cluster.Catalog.InGroupVersion(obj.Str("apiVersion")!).FirstOrDefault(t => t.Kind == obj.Str("kind"));
        if (type is null)
        {
            return null;
        }
        var meta = obj.Meta();
        var ns = type.Namespaced ? obj.Namespace() ?? release.ReleaseNamespace : null;
        if (ns is null)
        {
            meta.Remove("namespace");
        }
        else
        {
            meta["namespace"] = ns;
        }
        var labels = meta["labels"] as JsonObject ?? [];
        labels["app.kubernetes.io/managed-by"] = "Helm";
        labels["helm.toolkit.fluxcd.io/name"] = release.Name;
        labels["helm.toolkit.fluxcd.io/namespace"] = release.Namespace;
        meta["labels"] = labels;
        var annotations = meta["annotations"] as JsonObject ?? [];
        annotations["meta.helm.sh/release-name"] = release.ReleaseName;
        annotations["meta.helm.sh/release-namespace"] = release.ReleaseNamespace;
        meta["annotations"] = annotations;
        return new ObjectTarget(type, ns, obj.Name());
    }

    /// <summary>Helm's existingResourceConflict: read each object; one that exists must carry this release's ownership.</summary>
    private string? Conflict(ObjectTarget target, JsonObject obj, HashSet<ObjectTarget> existing)
    {
        var what = $"{target.Type.Kind} \"{target.Name}\" in namespace \"{target.Namespace ?? string.Empty}\"";
        try
        {
            Authorize("get", target, target.Name);
            var live = JsonUtil.ParseObject(cluster.Get(target).Json);
            if (Ownership(live) is { } problem)
            {
                return $"{what} exists and cannot be imported into the current release: invalid ownership metadata; {problem}";
            }
            existing.Add(target);
            return null;
        }
        catch (ApiException ex) when (ex.Code == 404 && ex.Reason == "NotFound" && ex.Kind == target.Type.Plural)
        {
            return null;
        }
        catch (ApiException ex)
        {
            return $"could not get information about the resource {what}: {ex.Message}";
        }
    }

    private string? Ownership(JsonObject live)
    {
        var labels = live.Labels();
        var annotations = (live.At("metadata", "annotations") as JsonObject)?.ToDictionary(a => a.Key, a => a.Value?.ToString()) ?? [];
        var problems = new List<string>();
        Require(labels.GetValueOrDefault("app.kubernetes.io/managed-by"), "app.kubernetes.io/managed-by", "Helm", "label", problems);
        Require(annotations.GetValueOrDefault("meta.helm.sh/release-name"), "meta.helm.sh/release-name", release.ReleaseName, "annotation", problems);
        Require(annotations.GetValueOrDefault("meta.helm.sh/release-namespace"), "meta.helm.sh/release-namespace", release.ReleaseNamespace, "annotation", problems);
        return problems.Count == 0 ? null : string.Join("; ", problems);
    }

    private static void Require(string? actual, string key, string wanted, string what, List<string> problems)
    {
        if (actual is null)
        {
            problems.Add($"{what} validation error: missing key \"{key}\": must be set to \"{wanted}\"");
        }
        else if (actual != wanted)
        {
            problems.Add($"{what} validation error: key \"{key}\" must equal \"{wanted}\": current value is \"{actual}\"");
        }
    }

    private string? CreateNamespace()
    {
        var type = ResourceCatalog.Builtin.FindKind("", "Namespace")!;
        var target = new ObjectTarget(type, null, release.ReleaseNamespace);
        if (!release.CreateNamespace || cluster.Find(type.Key, null, release.ReleaseNamespace) is not null)
        {
            return null;
        }
        var ns = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Namespace",
            ["metadata"] = new JsonObject { ["name"] = release.ReleaseNamespace, ["labels"] = new JsonObject { ["name"] = release.ReleaseNamespace } },
        };
        return Create(target, ns) is { } error && !error.Contains("already exists", StringComparison.Ordinal) ? error : null;
    }

    private string? Create(ObjectTarget target, JsonObject obj) => Attempt(() =>
    {
        Authorize("create", target with { Name = null }, null);
        cluster.Create(target with { Name = null }, obj, Options);
    }, null);

    private string? Patch(ObjectTarget target, JsonObject obj) => Attempt(() =>
    {
        Authorize("patch", target, target.Name);
        cluster.Patch(target, PatchKind.Merge, obj, Options);
    }, $"cannot patch \"{target.Name}\" with kind {target.Type.Kind}: ");

    private WriteOptions Options => new(false, Manager, FieldValidationMode.Ignore, false, _user);

    private void Authorize(string verb, ObjectTarget target, string? name)
    {
        if (_user is not null)
        {
            RbacAuthorizer.Require(cluster, _user, new ResourceAttributes(verb, target.Type.Group, target.Type.Plural, null, target.Namespace, name));
        }
    }

    private static string? Attempt(Action write, string? prefix)
    {
        try
        {
            write();
            return null;
        }
        catch (ApiException ex)
        {
            return prefix + ex.Message;
        }
    }

    /// <summary>Helm collects the errors of one action with hashicorp/go-multierror, whose text this is.</summary>
    private static string Errors(IReadOnlyList<string> errors) => errors.Count == 1
        ? $"1 error occurred:\n\t* {errors[0]}"
        : $"{errors.Count} errors occurred:\n\t{string.Join("\n\t", errors.Select(e => "* " + e))}";
}

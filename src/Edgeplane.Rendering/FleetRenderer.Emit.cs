using System.Security.Cryptography;
using Edgeplane.Model.Diagnostics;
using Edgeplane.Protocol.Bundles;
using Edgeplane.Rendering.Bundles;
using Edgeplane.Rendering.Inheritance;
using Edgeplane.Rendering.Templates;
using Edgeplane.Rendering.Units;

namespace Edgeplane.Rendering;

public sealed partial class FleetRenderer
{
    [ThreadStatic]
    private static BundleWriter? _writer;

    private static BundleWriter Writer => _writer ??= new BundleWriter();

    private sealed record Entry(int Stage, int Unit, CompiledObject Object, VariableScope Scope, RenderUnit Owner, string Name, string? Namespace, bool ClusterScoped);

    /// <summary>Resolves identities, checks tenancy and duplicates, orders and writes the bundle, and hashes it.</summary>
    private Bundle? Emit(ClusterContext context, List<RenderUnit> ordered, string revision, WorkspaceRejections found, List<Diagnostic> errors)
    {
        var scopes = KindScopes.Of(ordered);
        var entries = new List<Entry>();
        for (var u = 0; u < ordered.Count; u++)
        {
            foreach (var (obj, scope) in ordered[u].Objects)
            {
                var kindScope = scopes.Of(obj.Group, obj.Kind);
                var scoped = kindScope == KindScope.Cluster;
                var describe = ordered[u].Source;
                var name = obj.NameTemplate is { } n ? Writer.Substitute(n, scope, new Segment(SegmentKind.Variable, null, n, obj.Location), describe, errors) : obj.Name;
                var ns = obj.NamespaceTemplate is { } t ? Writer.Substitute(t, scope, new Segment(SegmentKind.Variable, null, t, obj.Location), describe, errors)
                    : obj.Namespace ?? (scoped ? null : obj.DefaultNamespace);
                var stage = obj.Crd is not null || obj.Kind == "CustomResourceDefinition" ? 0 : obj.Kind == "Namespace" && obj.Group.Length == 0 ? 1 : 2;
                var entry = new Entry(stage, u, obj, scope, ordered[u], name, ns, scoped);
                if (ordered[u].Workspace is { } workspace)
                {
                    var violations = new List<Diagnostic>();
                    Tenancy.Check(workspace, entry.Owner.Ref, obj, name, ns, kindScope, context.Name, _knownNames[workspace.Name], violations);
                    found.Add(workspace.Name, violations);
                }
                entries.Add(entry);
            }
        }
        Tenancy.CheckPlatformNamespaces(ordered, entries.Select(e => (e.Owner, e.Object, e.Name, e.Namespace)), context.Name, errors);
        entries.Sort(static (a, b) =>
        {
            var c = a.Stage.CompareTo(b.Stage);
            c = c != 0 ? c : a.Unit.CompareTo(b.Unit);
            c = c != 0 ? c : a.Object.KindRank.CompareTo(b.Object.KindRank);
            return c != 0 ? c : a.Object.Index.CompareTo(b.Object.Index);
        });
        CheckDuplicates(entries, context.Name, found, errors);
        return errors.Count > 0 || found.Workspaces.Any() ? null : Write(context, entries, revision, errors);
    }

    /// <summary>
    /// Two units may not render the same object. When one of them is a workspace's Application or NetworkFunction, that
    /// workspace is rejected (a team cannot take over another's or the platform's object, nor stop the render).
    /// </summary>
    private static void CheckDuplicates(List<Entry> entries, string cluster, WorkspaceRejections found, List<Diagnostic> errors)
    {
        var seen = new Dictionary<(string, string, string?, string), Entry>();
        foreach (var entry in entries)
        {
            var key = (entry.Object.Group, entry.Object.Kind, entry.Namespace, entry.Name);
            if (!seen.TryAdd(key, entry))
            {
                var first = seen[key];
                var tenant = entry.Owner.Workspace is not null ? entry : first.Owner.Workspace is not null ? first : null;
                var other = tenant == first ? entry : first;
                var diagnostic = new Diagnostic(tenant?.Object.Location ?? entry.Object.Location,
                    $"{(tenant ?? entry).Owner.Source}: {entry.Object.Kind} \"{Display(entry)}\" is also rendered by {other.Owner.Source} (at {other.Object.Location}) on cluster \"{cluster}\"; an object may come from one place only",
                    "DuplicateObject");
                if (tenant is not null)
                {
                    found.Add(tenant.Owner.Workspace!.Name, [diagnostic]);
                }
                else
                {
                    errors.Add(diagnostic);
                }
            }
        }
    }

    private static string Display(Entry entry) => entry.Namespace is null ? entry.Name : $"{entry.Namespace}/{entry.Name}";

    private static Bundle? Write(ClusterContext context, List<Entry> entries, string revision, List<Diagnostic> errors)
    {
        var writer = Writer;
        var revisionJson = Json(revision);
        writer.Begin(context.NameJson, context.Drift.ToString().ToLowerInvariant());
        var ranges = new (int Start, int Length)[entries.Count];
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            var written = writer.WriteObject(e.Object, e.Scope, context.NameJson, revisionJson, e.ClusterScoped, e.Owner.Source, errors);
            ranges[i] = (written.Start, written.Length);
            if (!WithinLimits(context, e, written, writer.Buffer.Length, writer.Limits, errors))
            {
                return null;
            }
        }
        writer.End(context.Prune, revisionJson);
        if (!WithinLimit(context, writer.Buffer.Length, writer.Limits, errors) || errors.Count > 0)
        {
            return null;
        }
        var bytes = writer.Buffer.Written.ToArray();
        CheckProvisionedVersions(context.Name, entries, bytes, ranges, errors);
        if (errors.Count > 0)
        {
            return null;
        }
        var digest = BundleFormat.DigestOf(SHA256.HashData(bytes));
        var objects = new BundleObject[entries.Count];
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            objects[i] = new BundleObject(e.Object.ApiVersion, e.Object.Kind, e.Namespace, e.Name, e.Owner.Source, bytes.AsMemory(ranges[i].Start, ranges[i].Length));
        }
        return new Bundle(context.Name, revision, context.Drift, context.Prune, objects, bytes, digest, ContentDigest(bytes, writer.Excluded));
    }

    /// <summary>sha256 of the bytes with the excluded ranges (revision entries) cut out, fed incrementally.</summary>
    private static string ContentDigest(byte[] bytes, IReadOnlyList<(int Start, int Length)> excluded)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var position = 0;
        foreach (var (start, length) in excluded)
        {
            hash.AppendData(bytes, position, start - position);
            position = start + length;
        }
        hash.AppendData(bytes, position, bytes.Length - position);
        return BundleFormat.DigestOf(hash.GetHashAndReset());
    }
}

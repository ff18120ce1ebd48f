using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Edgeplane.Kubernetes.Objects;

namespace Edgeplane.Kubernetes.Apply;

/// <summary>
/// Checks an <see cref="ApplyRequest"/> before anything is sent: names, limits, malformed and duplicate objects,
/// ownership labels. Returns private copies of the objects with the ownership labels stamped in.
/// </summary>
internal static partial class RequestValidator
{
    private static readonly string[] ServerMetadata =
        ["managedFields", "resourceVersion", "uid", "creationTimestamp", "generation", "selfLink", "deletionTimestamp", "deletionGracePeriodSeconds"];

    public static (List<PlannedObject> Objects, List<ApplyFailure> Failures) Validate(ApplyRequest request, ApplierOptions options)
    {
        var failures = new List<ApplyFailure>();
        CheckName(request.Cluster, "cluster", LabelValue(), failures);
        CheckName(request.Bundle, "bundle", Dns1123Label(), failures);
        if (request.Objects.Count > options.MaxObjects)
        {
            failures.Add(ApplyFailure.Invalid(null, ApplyFailure.Reasons.LimitExceeded,
                $"the bundle has {request.Objects.Count} objects, more than the limit of {options.MaxObjects}"));
        }
        if (failures.Count > 0)
        {
            return ([], failures);
        }
        var objects = new List<PlannedObject>();
        var seen = new Dictionary<ObjectRef, int>();
        for (var i = 0; i < request.Objects.Count; i++)
        {
            if (Prepare(request, i, failures) is not { } planned)
            {
                continue;
            }
            if (seen.TryGetValue(planned.Ref, out var first))
            {
                failures.Add(ApplyFailure.Invalid(planned.Ref, ApplyFailure.Reasons.DuplicateObject,
                    $"objects #{first} and #{i} are the same object"));
                continue;
            }
            seen[planned.Ref] = i;
            objects.Add(planned);
        }
        return (objects, failures);
    }

    private static PlannedObject? Prepare(ApplyRequest request, int index, List<ApplyFailure> failures)
    {
        var source = request.Objects[index];
        ObjectRef obj;
        string apiVersion;
        try
        {
            obj = ObjectRef.Of(source);
            apiVersion = ObjectJson.ApiVersion(source);
        }
        catch (ObjectFormatException ex)
        {
            failures.Add(ApplyFailure.Invalid(null, ApplyFailure.Reasons.InvalidObject, $"object #{index}: {ex.Message}"));
            return null;
        }
        var body = (JsonObject)source.DeepClone();
        body.Remove("status");
        var meta = (JsonObject)body["metadata"]!; // ObjectRef.Of found metadata.name, so metadata is an object
        foreach (var field in ServerMetadata)
        {
            meta.Remove(field);
        }
        return StampOwnership(meta, obj, request, failures) ? new PlannedObject(index, obj, apiVersion, body) : null;
    }

    /// <summary>Adds missing ownership labels; refuses labels that name another owner (a renderer bug, never silently fixed).</summary>
    private static bool StampOwnership(JsonObject meta, ObjectRef obj, ApplyRequest request, List<ApplyFailure> failures)
    {
        if (meta["labels"] is not JsonObject labels)
        {
            labels = [];
            meta["labels"] = labels;
        }
        var ok = true;
        foreach (var (key, value) in new[]
        {
            (EdgeplaneMetadata.ManagedByLabel, EdgeplaneMetadata.ManagedByValue),
            (EdgeplaneMetadata.ClusterLabel, request.Cluster),
            (EdgeplaneMetadata.BundleLabel, request.Bundle),
        })
        {
            var existing = ObjectJson.Str(labels, key);
            if (existing is null)
            {
                labels[key] = value;
            }
            else if (existing != value)
            {
                failures.Add(ApplyFailure.Invalid(obj, ApplyFailure.Reasons.OwnershipMismatch,
                    $"label {key} is \"{existing}\" but this apply is for \"{value}\""));
                ok = false;
            }
        }
        return ok;
    }

    private static void CheckName(string value, string what, Regex pattern, List<ApplyFailure> failures)
    {
        if (string.IsNullOrEmpty(value) || value.Length > 63 || !pattern.IsMatch(value))
        {
            failures.Add(ApplyFailure.Invalid(null, ApplyFailure.Reasons.InvalidRequest,
                $"{what} name \"{value}\" is not valid: it must be 1-63 characters, {Describe(pattern)}"));
        }
    }

    private static string Describe(Regex pattern) => pattern.ToString() == Dns1123Label().ToString()
        ? "lower-case letters, digits and '-', starting and ending with a letter or digit"
        : "letters, digits, '-', '_' and '.', starting and ending with a letter or digit";

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Dns1123Label();

    [GeneratedRegex("^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$")]
    private static partial Regex LabelValue();
}

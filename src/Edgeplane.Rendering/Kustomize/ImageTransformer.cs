using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Edgeplane.Rendering.Kustomize;

/// <summary>
/// <c>images</c>: rewrites the <c>image</c> of every element of any <c>containers</c> or <c>initContainers</c> list
/// anywhere in any object except CRDs (so Deployments, CronJobs, Pods and custom workloads alike), when the image
/// name matches, as kustomize's image tag transformer does.
/// </summary>
internal static class ImageTransformer
{
    private static readonly ConcurrentDictionary<string, Regex?> Matchers = new(StringComparer.Ordinal);

    public static void Apply(ResourceList list, ImageSpec image)
    {
        foreach (var resource in list.Items)
        {
            if (resource.Kind != "CustomResourceDefinition")
            {
                Walk(resource.Node, image, list);
            }
        }
    }

    private static void Walk(JsonNode? node, ImageSpec image, ResourceList list)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    Walk(value, image, list);
                    if (key is "containers" or "initContainers" && value is JsonArray containers)
                    {
                        UpdateContainers(containers, image, list);
                    }
                }
                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Walk(item, image, list);
                }
                break;
        }
    }

    private static void UpdateContainers(JsonArray containers, ImageSpec image, ResourceList list)
    {
        foreach (var container in containers)
        {
            if (container is JsonObject c && c["image"] is JsonValue v && v.GetValueKind() == JsonValueKind.String
                && Rewrite(v.GetValue<string>(), image) is { } updated)
            {
                list.Grow(updated.Length, image.At);
                c["image"] = updated;
            }
        }
    }

    /// <summary>The new image reference, or null when <paramref name="value"/> is not an image named <c>image.Name</c>.</summary>
    internal static string? Rewrite(string value, ImageSpec image)
    {
        if (!IsMatch(value, image.Name))
        {
            return null;
        }
        var (name, tag, digest) = Split(value);
        if (image.NewName.Length > 0)
        {
            name = image.NewName;
        }
        if (image.NewTag.Length > 0)
        {
            (tag, digest) = (image.NewTag, image.Digest);
        }
        else if (image.Digest.Length > 0)
        {
            (tag, digest) = ("", image.Digest);
        }
        return name + (tag.Length > 0 ? ":" + tag : "") + (digest.Length > 0 ? "@" + digest : "");
    }

    // kustomize builds this pattern from the configured name without escaping it; an invalid pattern matches nothing.
    private static bool IsMatch(string value, string name)
    {
        if (!Matchers.TryGetValue(name, out var regex))
        {
            try
            {
                regex = RegexCache.Linear("^" + name + "(:[a-zA-Z0-9_.{}-]*)?(@sha256:[a-zA-Z0-9_.{}-]*)?$", name);
            }
            catch (ArgumentException)
            {
                regex = null;
            }
            if (Matchers.Count < RegexCache.MaxEntries)
            {
                Matchers.TryAdd(name, regex);
            }
        }
        return regex?.IsMatch(value) == true;
    }

    /// <summary>Splits <c>[host[:port]/]path[:tag][@digest]</c> into name, tag and digest (kustomize's <c>image.Split</c>).</summary>
    internal static (string Name, string Tag, string Digest) Split(string image)
    {
        var slash = image.IndexOf('/', StringComparison.Ordinal);
        var offset = slash > 0 ? slash : 0;
        var search = image.AsSpan(offset);
        var at = search.IndexOf('@');
        var colon = search.IndexOf(':');
        if (colon < 0 && at < 0)
        {
            return (image, "", "");
        }
        if (at >= 0 && (at < colon || colon < 0))
        {
            return (image[..(offset + at)], "", image[(offset + at + 1)..]);
        }
        if (at >= 0)
        {
            return (image[..(offset + colon)], image[(offset + colon + 1)..(offset + at)], image[(offset + at + 1)..]);
        }
        return (image[..(offset + colon)], image[(offset + colon + 1)..], "");
    }
}

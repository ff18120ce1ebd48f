using System.Text.RegularExpressions;
using Edgeplane.ApiMachinery.Labels;

namespace Edgeplane.Rendering.Kustomize;

/// <summary>
/// Selects the objects a patch <c>target</c> names: group, version, kind, name and namespace as anchored regular
/// expressions (name and namespace may match the original or the current value), plus label and annotation
/// selectors on the current object.
/// </summary>
internal sealed class PatchTargetMatcher
{
    private readonly Regex? _group, _version, _kind, _name, _namespace;
    private readonly LabelSelector? _labels, _annotations;

    private PatchTargetMatcher(PatchTarget target, RegexCache regexes)
    {
        _group = Compile(target.Group, "group", target, regexes);
        _version = Compile(target.Version, "version", target, regexes);
        _kind = Compile(target.Kind, "kind", target, regexes);
        _name = Compile(target.Name, "name", target, regexes);
        _namespace = Compile(target.Namespace, "namespace", target, regexes);
        _labels = Selector(target.LabelSelector, "labelSelector", target);
        _annotations = Selector(target.AnnotationSelector, "annotationSelector", target);
    }

    public static PatchTargetMatcher Create(PatchTarget target, RegexCache regexes) => new(target, regexes);

    public List<KustomizeResource> Select(ResourceList list) => list.Items.Where(Matches).ToList();

    private bool Matches(KustomizeResource resource)
    {
        var original = resource.OriginalId;
        var current = resource.CurrentId;
        return (_namespace is null || _namespace.IsMatch(original.EffectiveNamespace) || _namespace.IsMatch(current.EffectiveNamespace))
            && (_name is null || _name.IsMatch(original.Name) || _name.IsMatch(current.Name))
            && (_group is null || _group.IsMatch(current.Gvk.Group))
            && (_version is null || _version.IsMatch(current.Gvk.Version))
            && (_kind is null || _kind.IsMatch(current.Gvk.Kind))
            && (_labels is null || _labels.Matches(ObjectFields.GetMetadataMap(resource.Node, "labels")))
            && (_annotations is null || _annotations.Matches(ObjectFields.GetMetadataMap(resource.Node, "annotations")));
    }

    private static Regex? Compile(string pattern, string field, PatchTarget target, RegexCache regexes)
    {
        if (pattern.Length == 0)
        {
            return null;
        }
        try
        {
            return regexes.Anchored(pattern);
        }
        catch (ArgumentException e)
        {
            throw KustomizeException.At(target.At, "InvalidPatchTarget", $"patch target {field} '{pattern}' is not a valid regular expression: {e.Message}");
        }
    }

    private static LabelSelector? Selector(string text, string field, PatchTarget target)
    {
        if (text.Length == 0)
        {
            return null;
        }
        try
        {
            return LabelSelector.Parse(text);
        }
        catch (FormatException e)
        {
            throw KustomizeException.At(target.At, "InvalidPatchTarget", $"patch target {field}: {e.Message}");
        }
    }
}

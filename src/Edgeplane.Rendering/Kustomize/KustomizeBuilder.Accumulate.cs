using Edgeplane.Model.Diagnostics;

namespace Edgeplane.Rendering.Kustomize;

public sealed partial class KustomizeBuilder
{
    /// <summary>Everything a kustomization produces before the top-level finishing steps (kustomize's AccumulateTarget).</summary>
    private ResourceList Accumulate(Kustomization kustomization)
    {
        var list = new ResourceList(_repo.Limits.MaxBundleBytes);
        AccumulateInto(kustomization, list);
        return list;
    }

    /// <summary>
    /// Resources and bases, then components (which act on everything gathered so far), then generators, then
    /// transformers. A component is accumulated into its parent's list, as kustomize does.
    /// </summary>
    private void AccumulateInto(Kustomization kustomization, ResourceList list)
    {
        foreach (var entry in kustomization.Resources)
        {
            AddResource(entry, list);
        }
        foreach (var entry in kustomization.Components)
        {
            var directory = RequireDirectory(entry, "component");
            var component = RequireKustomization(directory, entry.At);
            if (!component.IsComponent)
            {
                throw KustomizeException.At(entry.At, "NotAComponent",
                    $"'{entry.Written}' is a Kustomization; components must have kind Component (apiVersion kustomize.config.k8s.io/v1alpha1)");
            }
            AccumulateInto(component, list);
        }
        Generate(kustomization, list);
        Transform(kustomization, list);
    }

    private void AddResource(PathReference entry, ResourceList list)
    {
        var path = Require(entry);
        if (DirectoryExists(path))
        {
            var kustomization = RequireKustomization(path, entry.At);
            if (kustomization.IsComponent)
            {
                throw KustomizeException.At(entry.At, "ComponentAsResource",
                    $"'{entry.Written}' is a Component; list it under 'components', not 'resources'");
            }
            var built = Base(kustomization);
            list.AppendAll(built.Items.Select(r => r.Clone()), built.Bytes, entry.At);
            return;
        }
        if (!FileExists(path))
        {
            throw KustomizeException.At(entry.At, "FileNotFound", $"resource '{entry.Written}' does not exist (neither a file nor a directory)");
        }
        var resources = ResourceFile.Read(LoadDocuments(path, entry.At), out var bytes);
        list.AppendAll(resources, bytes, entry.At);
    }

    /// <summary>The accumulated result of a base directory, built once and shared; clone its items before use.</summary>
    private ResourceList Base(Kustomization kustomization) =>
        Cache(_bases, kustomization.Directory, kustomization.Directory, () => Accumulate(kustomization));

    private string RequireDirectory(PathReference entry, string what)
    {
        var path = Require(entry);
        return DirectoryExists(path)
            ? path
            : throw KustomizeException.At(entry.At, "FileNotFound", $"{what} '{entry.Written}' is not a directory");
    }

    private void Generate(Kustomization kustomization, ResourceList list)
    {
        foreach (var generator in kustomization.Generators)
        {
            var generated = ConfigMapSecretGenerator.Generate(generator, LoadBytes, _repo.Limits, out var bytes);
            GeneratedResources.Absorb(list, generated, bytes, generator.At);
        }
    }

    /// <summary>Transformers in kustomize's fixed order.</summary>
    private void Transform(Kustomization k, ResourceList list)
    {
        foreach (var patch in k.PatchesStrategicMerge)
        {
            PatchTransformer.Apply(list, patch, LoadPatch(patch, k), _regexes);
        }
        foreach (var patch in k.Patches)
        {
            PatchTransformer.Apply(list, patch, LoadPatch(patch, k), _regexes);
        }
        NamespaceTransformer.Apply(list, k.Namespace);
        NameAffixTransformer.ApplyPrefix(list, k.NamePrefix, new SourceLocation(k.File, 1, 1));
        NameAffixTransformer.ApplySuffix(list, k.NameSuffix, new SourceLocation(k.File, 1, 1));
        foreach (var label in k.Labels)
        {
            MapEntryTransformer.Apply(list, label.Pairs, MapEntryTransformer.SpecsFor(label), label.At);
        }
        MapEntryTransformer.Apply(list, k.CommonLabels, DefaultFieldSpecs.CommonLabels, new SourceLocation(k.File, 1, 1));
        MapEntryTransformer.Apply(list, k.CommonAnnotations, DefaultFieldSpecs.CommonAnnotations, new SourceLocation(k.File, 1, 1));
        foreach (var patch in k.PatchesJson6902)
        {
            PatchTransformer.Apply(list, patch, LoadPatch(patch, k), _regexes);
        }
        foreach (var replica in k.Replicas)
        {
            ReplicaTransformer.Apply(list, replica);
        }
        foreach (var image in k.Images)
        {
            ImageTransformer.Apply(list, image);
        }
    }
}

namespace Edgeplane.Rendering.Tests.Kustomize;

/// <summary>A theory that compares with the real kubectl: every case is reported as skipped (never passed) when <c>EDGEPLANE_SKIP_KUBECTL=1</c>; without it, a missing kubectl fails.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class KubectlTheoryAttribute : TheoryAttribute
{
    public KubectlTheoryAttribute()
    {
        if (KubectlKustomize.Skipped)
        {
            Skip = $"kubectl comparisons are skipped: {KubectlKustomize.SkipVariable}=1";
        }
    }
}

namespace Edgeplane.Cli.Tests;

/// <summary>A fact that compares with the real kubectl: reported as skipped (never passed) when <c>EDGEPLANE_SKIP_KUBECTL=1</c>; without it, a missing kubectl fails the test.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class KubectlFactAttribute : FactAttribute
{
    public KubectlFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("EDGEPLANE_SKIP_KUBECTL") == "1")
        {
            Skip = "kubectl comparisons are skipped: EDGEPLANE_SKIP_KUBECTL=1";
        }
    }
}

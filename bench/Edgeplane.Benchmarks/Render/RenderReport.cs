namespace Edgeplane.Benchmarks.Render;

/// <summary>What the render benchmark measured.</summary>
public sealed record RenderReport
{
    public int Sites { get; init; }
    public int Clusters { get; init; }
    public string Example { get; init; } = "";
    public string Note { get; init; } = "";
    public int Runs { get; init; }
    public double LoadSeconds { get; init; }
    public IReadOnlyList<double> BundlesPerSecond { get; init; } = [];
    public double MedianBundlesPerSecond { get; init; }
    public double SingleCoreBundlesPerSecond { get; init; }
    public double MeanObjectsPerBundle { get; init; }
    public double MeanBundleBytes { get; init; }
    /// <summary>Bundles per second of process CPU time: what one core does when the machine is shared.</summary>
    public double MedianBundlesPerCpuSecond { get; init; }
    public IReadOnlyList<double> LoadAverages { get; init; } = [];
}

namespace Edgeplane.DashboardBench;

/// <summary>Median, p95, p99 (nearest rank) and max of a set of latencies, in milliseconds, with every sample.</summary>
internal sealed record Percentiles(double Median, double P95, double P99, double Max, IReadOnlyList<double> Samples)
{
    public static Percentiles Of(IReadOnlyList<double> samples)
    {
        var sorted = samples.Order().ToList();
        return new Percentiles(Rank(sorted, 0.50), Rank(sorted, 0.95), Rank(sorted, 0.99), sorted[^1], samples);
    }

    private static double Rank(List<double> sorted, double q) => sorted[Math.Max(0, (int)Math.Ceiling(q * sorted.Count) - 1)];
}

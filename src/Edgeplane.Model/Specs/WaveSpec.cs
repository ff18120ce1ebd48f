namespace Edgeplane.Model.Specs;

/// <summary>One wave: which clusters (by layer, region, site — canary sites — labels or name), what share of them, and pacing.</summary>
/// <param name="Name">DNS-1123 label, unique in the rollout.</param>
/// <param name="Target">Clusters of the wave; a wave with no criteria takes every cluster not in an earlier wave.</param>
/// <param name="Percentage">Share (1–100) of the targeted clusters in this wave; the rest fall to later waves.</param>
/// <param name="MaxUnavailable">Overrides the rollout's.</param>
/// <param name="SoakTime">Overrides the rollout's.</param>
public sealed record WaveSpec(string Name, PlacementSpec Target, int? Percentage, IntOrPercent? MaxUnavailable, TimeSpan? SoakTime);

namespace Edgeplane.Cli.Up;

/// <summary>
/// One cluster as <c>up</c> judges it: converged when the hub's desired digest is the one its agent reported applied and
/// the reported health is <c>Healthy</c>. <see cref="Reason"/> says why not, for the table printed on timeout.
/// </summary>
public sealed record ClusterConvergence(string Cluster, string? Desired, string? Applied, string Health, string Reason)
{
    /// <summary>The health the hub stores for a healthy cluster.</summary>
    public const string Healthy = "Healthy";

    /// <summary>True when the desired bundle is applied and healthy.</summary>
    public bool Converged => Desired is not null && Desired == Applied && Health == Healthy;
}

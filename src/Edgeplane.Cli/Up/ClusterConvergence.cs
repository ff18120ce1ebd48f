namespace Edgeplane.Cli.Up;

/// <summary>
/// One cluster as <c>up</c> shows it: the hub's desired and the applied digest, the reported health, and the hub's verdict
/// (<see cref="Converged"/>: the desired bundle is applied and healthy, <c>converged</c> in <c>GET /api/v1/clusters</c>).
/// <see cref="Reason"/> says why not, for the table printed on timeout.
/// </summary>
public sealed record ClusterConvergence(string Cluster, string? Desired, string? Applied, string Health, bool Converged, string Reason);

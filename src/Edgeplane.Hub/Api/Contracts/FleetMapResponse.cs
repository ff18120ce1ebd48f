namespace Edgeplane.Hub.Api.Contracts;

/// <summary>
/// One cluster on the fleet map (<c>GET /api/v1/fleet/map</c>): where it is and which of the fleet summary's states it is
/// in. <see cref="States"/> names the states that hold, with the summary's counting rules (docs/api.md): <c>inSync</c>,
/// <c>drifted</c>, <c>unhealthy</c>, <c>offline</c>, <c>linkUnknown</c>, <c>held</c> (a rollout holds it on its last good
/// bundle) and <c>behind</c> (its target is not yet its desired bundle). A cluster may be in several at once.
/// </summary>
public sealed record FleetMapItem(string Name, string Layer, string? Region, string? Site, IReadOnlyList<string> States);

using Cronos;

namespace Edgeplane.Model.Specs;

/// <summary>A recurring window in which changes may start: a 5-field cron start, a duration and a time zone.</summary>
/// <param name="Name">DNS-1123 label.</param>
/// <param name="Schedule">The cron expression as written.</param>
/// <param name="Cron">The parsed schedule.</param>
/// <param name="Duration">How long each window stays open.</param>
/// <param name="TimeZone">IANA time zone id (default UTC).</param>
/// <param name="Target">Clusters the window applies to; every governed cluster when not written.</param>
public sealed record MaintenanceWindowSpec(string Name, string Schedule, CronExpression Cron, TimeSpan Duration, TimeZoneInfo TimeZone, PlacementSpec? Target);

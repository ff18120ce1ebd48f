using System.Text.Json;
using Cronos;
using Edgeplane.Model.Specs;

namespace Edgeplane.Hub.Rollouts;

/// <summary>
/// What a run needs of its Rollout after the revision is stored: gates, failure budget, offline policy and windows. It
/// is stored with the run as JSON, so a run keeps the policy its revision declared even after a newer commit edits it.
/// </summary>
internal sealed record RolloutPolicy(
    IReadOnlyList<RolloutPolicy.Gate> Gates,
    bool AutomaticRollback,
    int MaxFailures,
    OfflinePolicy Offline,
    IReadOnlyList<RolloutPolicy.Window> Windows)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>A health gate: at least <paramref name="MinHealthyPercent"/> healthy, each member within <paramref name="Timeout"/> of its move.</summary>
    internal sealed record Gate(string Name, int MinHealthyPercent, TimeSpan Timeout, bool RequireKubernetesVersion);

    /// <summary>A maintenance window: opens at each occurrence of <paramref name="Schedule"/> in <paramref name="TimeZone"/> for <paramref name="Duration"/>.</summary>
    internal sealed record Window(string Name, string Schedule, TimeSpan Duration, string TimeZone)
    {
        private CronExpression? _cron;
        private TimeZoneInfo? _zone;

        private CronExpression Cron => _cron ??= CronExpression.Parse(Schedule, CronFormat.Standard);

        private TimeZoneInfo Zone => _zone ??= TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

        /// <summary>True when an occurrence began within <see cref="Duration"/> before <paramref name="now"/>.</summary>
        public bool IsOpen(DateTime now)
        {
            var utc = DateTime.SpecifyKind(now, DateTimeKind.Utc);
            return Cron.GetOccurrences(utc - Duration, utc, Zone, fromInclusive: false, toInclusive: true).Any();
        }

        /// <summary>The next time the window opens after <paramref name="now"/>.</summary>
        public DateTime? NextOpening(DateTime now) => Cron.GetNextOccurrence(DateTime.SpecifyKind(now, DateTimeKind.Utc), Zone);
    }

    /// <summary>The policy of <paramref name="spec"/>.</summary>
    public static RolloutPolicy From(RolloutSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return new RolloutPolicy(
            spec.HealthGates.Select(g => new Gate(g.Name, g.MinHealthyPercent, g.Timeout, g.RequireKubernetesVersion)).ToList(),
            spec.Rollback.Automatic, spec.Rollback.MaxFailures, spec.Offline,
            spec.MaintenanceWindows.Select(w => new Window(w.Name, w.Schedule, w.Duration, w.TimeZone.Id)).ToList());
    }

    /// <summary>The time a moved member has to become healthy: the shortest gate timeout, or <paramref name="fallback"/> without gates.</summary>
    public TimeSpan HealthDeadline(TimeSpan fallback) => Gates.Count == 0 ? fallback : Gates.Min(g => g.Timeout);

    /// <summary>True when a gate asks for the declared Kubernetes version.</summary>
    public bool RequiresKubernetesVersion => Gates.Any(g => g.RequireKubernetesVersion);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static RolloutPolicy FromJson(string json) =>
        JsonSerializer.Deserialize<RolloutPolicy>(json, Json) ?? throw new InvalidDataException("a stored rollout policy is empty");
}

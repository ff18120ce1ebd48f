using System.Text.Json;
using System.Text.Json.Nodes;
using Cronos;
using Edgeplane.ApiMachinery.Labels;
using Edgeplane.Model.Specs;
using Edgeplane.Model.Validation;

namespace Edgeplane.Model.Loading;

internal static partial class SpecBinder
{
    public static RolloutSpec Rollout(SpecReader r)
    {
        var clusters = r.Has("clusters") ? Placement(r.Object("clusters")) : new PlacementSpec([], [], [], [], LabelSelector.Everything);
        var waves = r.List("waves", w =>
        {
            var name = w.Name("name", required: true);
            var target = Placement(w.Object("target"));
            var percentage = w.Int("percentage", 1, 100);
            var spec = new WaveSpec(name ?? "", target, percentage, MaxUnavailable(w), Duration(w, "soakTime"));
            return name is null ? null : spec;
        }, required: true);
        var gates = r.List("healthGates", g =>
        {
            var name = g.Name("name", required: true);
            var min = g.Int("minHealthyPercent", 0, 100, required: true);
            var timeout = Duration(g, "timeout", required: true);
            var version = g.Bool("requireKubernetesVersion") ?? false;
            return name is null || min is null || timeout is null
                ? null : new HealthGateSpec(name, min.Value, timeout.Value) { RequireKubernetesVersion = version };
        });
        var windows = r.List("maintenanceWindows", MaintenanceWindow);
        var rollback = RollbackSpec.Default;
        if (r.Object("rollback") is { } b)
        {
            rollback = new RollbackSpec(b.Bool("automatic") ?? true, b.Int("maxFailures", 0, 100_000) ?? 0);
            b.Done();
        }
        var offline = r.Enum<OfflinePolicy>("offline") ?? OfflinePolicy.Wait;
        return new RolloutSpec(clusters, waves, MaxUnavailable(r) ?? new IntOrPercent(1, false),
            Duration(r, "soakTime") ?? TimeSpan.Zero, gates, windows, rollback) { Offline = offline };
    }

    private static MaintenanceWindowSpec? MaintenanceWindow(SpecReader w)
    {
        var name = w.Name("name", required: true);
        var schedule = w.String("schedule", required: true);
        var duration = Duration(w, "duration", required: true);
        var zoneId = w.String("timeZone") ?? "UTC";
        var target = w.Has("target") ? Placement(w.Object("target")) : null;
        CronExpression? cron = null;
        if (schedule is not null)
        {
            try
            {
                cron = CronExpression.Parse(schedule, CronFormat.Standard);
            }
            catch (CronFormatException e)
            {
                w.Error("schedule", "InvalidCron", $"{w.FieldPath("schedule")} \"{schedule}\" is not a valid 5-field cron expression: {e.Message.TrimEnd('.')}");
            }
        }
        TimeZoneInfo? zone = null;
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out zone))
        {
            w.Error("timeZone", "InvalidValue", $"{w.FieldPath("timeZone")} \"{zoneId}\" is not a known IANA time zone");
        }
        return name is null || cron is null || duration is null || zone is null
            ? null : new MaintenanceWindowSpec(name, schedule!, cron, duration.Value, zone, target);
    }

    private static IntOrPercent? MaxUnavailable(SpecReader r)
    {
        if (!r.Has("maxUnavailable"))
        {
            return null;
        }
        var node = r.Node["maxUnavailable"];
        if (node is JsonValue v && v.TryGetValue<long>(out var count) && count is >= 0 and <= 1_000_000)
        {
            return new IntOrPercent((int)count, false);
        }
        if (node is JsonValue s && s.GetValueKind() == JsonValueKind.String && s.GetValue<string>() is { } text
            && text.EndsWith('%') && int.TryParse(text[..^1], out var percent) && percent is >= 0 and <= 100 && text[..^1].All(char.IsAsciiDigit))
        {
            return new IntOrPercent(percent, true);
        }
        r.Error("maxUnavailable", "InvalidValue", $"{r.FieldPath("maxUnavailable")} must be a count (e.g. 2) or a percentage from 0% to 100%, not {SpecReader.Describe(node)}");
        return null;
    }

    private static TimeSpan? Duration(SpecReader r, string key, bool required = false)
    {
        var text = r.String(key, required);
        if (text is null)
        {
            return null;
        }
        if (Durations.TryParse(text, Durations.Max, zeroAllowed: true, out var duration, out var error))
        {
            return duration;
        }
        r.Error(key, "InvalidDuration", $"{r.FieldPath(key)}: {error}");
        return null;
    }
}

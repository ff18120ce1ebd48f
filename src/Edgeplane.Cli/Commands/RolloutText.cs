using System.Globalization;
using Edgeplane.Cli.HubClient;
using Edgeplane.Hub.Api.Contracts;

namespace Edgeplane.Cli.Commands;

/// <summary>The human forms of <c>edgeplane rollout list</c> and <c>rollout status</c> (docs/api.md, "CLI").</summary>
internal static class RolloutText
{
    /// <summary>Members listed under a status before "... and N more".</summary>
    public const int MembersShown = 20;

    /// <summary>Characters of a reason kept in the list's REASON column.</summary>
    public const int ReasonWidth = 60;

    /// <summary>Characters of the revision shown in the list (as <c>revisions list</c> does).</summary>
    private const int ShaWidth = 12;

    /// <summary>True for the states a rollout never leaves.</summary>
    public static bool IsFinal(RolloutState state) =>
        state is RolloutState.Succeeded or RolloutState.Failed or RolloutState.RolledBack or RolloutState.Aborted or RolloutState.Superseded;

    public static void WriteList(TextWriter o, IReadOnlyList<RolloutResponse> rollouts, DateTimeOffset now)
    {
        var table = new TextTable("ID", "REVISION", "POLICY", "STATE", "WAVE", "AGE", "REASON");
        foreach (var r in rollouts)
        {
            table.Add(r.Id, Sha(r.Revision), r.Policy, r.State, r.CurrentWave, Age(now - r.CreatedAt), Cut(r.Reason, ReasonWidth));
        }
        table.Write(o);
    }

    public static void WriteStatus(TextWriter o, RolloutResponse r)
    {
        o.WriteLine($"Rollout:    {r.Id}");
        o.WriteLine($"Revision:   {r.Revision}");
        o.WriteLine($"Policy:     {r.Policy}");
        o.WriteLine($"State:      {r.State}");
        o.WriteLine($"Reason:     {r.Reason ?? "-"}");
        o.WriteLine($"Changes:    {(r.Changes.Count == 0 ? "-" : string.Join("\n            ", r.Changes))}");
        o.WriteLine($"Wave:       {(r.CurrentWave is { } wave ? $"{wave} ({r.Waves.ToList().FindIndex(w => w.Name == wave) + 1} of {r.Waves.Count})" : "-")}");
        o.WriteLine($"Created:    {Time(r.CreatedAt)}");
        o.WriteLine($"Started:    {Time(r.StartedAt)}");
        o.WriteLine($"Finished:   {Time(r.FinishedAt)}");
        if (r.FailedClusters.Count > 0)
        {
            o.WriteLine($"Failed:     {string.Join(", ", r.FailedClusters)}");
        }
        if (r.Waves.Count > 0)
        {
            o.WriteLine();
            WriteWaves(o, r.Waves);
        }
        WriteMembers(o, r.Waves);
    }

    private static void WriteWaves(TextWriter o, IReadOnlyList<RolloutWaveResponse> waves)
    {
        var table = new TextTable("WAVE", "STATE", "HEALTHY", "MAX-UNAVAILABLE", "SOAK", "STARTED", "FINISHED");
        foreach (var w in waves)
        {
            var soak = w.State == "Soaking" && w.SoakUntil is { } until ? $"{Duration(w.SoakTime)}, soaking until {Time(until)}" : Duration(w.SoakTime);
            table.Add(w.Name, w.State, $"{w.Members.Count(m => m.State == "Healthy")}/{w.Members.Count}", w.MaxUnavailable, soak,
                Time(w.StartedAt), Time(w.FinishedAt));
        }
        table.Write(o);
    }

    /// <summary>The members worth a look: neither healthy nor still waiting their turn, at most <see cref="MembersShown"/>.</summary>
    private static void WriteMembers(TextWriter o, IReadOnlyList<RolloutWaveResponse> waves)
    {
        var members = waves.SelectMany(w => w.Members.Where(m => m.State is not ("Healthy" or "Waiting")).Select(m => (Wave: w.Name, Member: m))).ToList();
        if (members.Count == 0)
        {
            return;
        }
        o.WriteLine();
        var table = new TextTable("CLUSTER", "WAVE", "STATE", "REASON");
        foreach (var (wave, m) in members.Take(MembersShown))
        {
            table.Add(m.Cluster, wave, m.State, m.Reason);
        }
        table.Write(o);
        if (members.Count > MembersShown)
        {
            o.WriteLine($"... and {members.Count - MembersShown} more");
        }
    }

    private static string Sha(string sha) => sha.Length > ShaWidth ? sha[..ShaWidth] : sha;

    /// <summary>One line of at most <paramref name="width"/> characters, with an ellipsis when cut.</summary>
    internal static string? Cut(string? text, int width)
    {
        if (text is null)
        {
            return null;
        }
        var line = text.ReplaceLineEndings(" ");
        return line.Length <= width ? line : line[..(width - 1)] + "…";
    }

    internal static string Time(DateTime? time) => time?.ToString("u", CultureInfo.InvariantCulture) ?? "-";

    /// <summary>kubectl-like ages: seconds below 2 minutes, minutes below 2 hours, hours below 2 days, then days.</summary>
    internal static string Age(TimeSpan age) => age switch
    {
        _ when age < TimeSpan.Zero => "0s",
        _ when age < TimeSpan.FromMinutes(2) => $"{(int)age.TotalSeconds}s",
        _ when age < TimeSpan.FromHours(2) => $"{(int)age.TotalMinutes}m",
        _ when age < TimeSpan.FromDays(2) => $"{(int)age.TotalHours}h",
        _ => $"{(int)age.TotalDays}d",
    };

    /// <summary>A span as the fleet files write one (read back by Model.Validation.Durations): <c>15m</c>, <c>1h30m</c>, <c>1.5s</c>, <c>0s</c>.</summary>
    internal static string Duration(TimeSpan span)
    {
        if (span <= TimeSpan.Zero)
        {
            return "0s";
        }
        var seconds = span.Seconds + (span.Ticks % TimeSpan.TicksPerSecond / (decimal)TimeSpan.TicksPerSecond);
        var parts = new (decimal Value, string Unit)[] { (span.Days, "d"), (span.Hours, "h"), (span.Minutes, "m"), (seconds, "s") };
        return string.Concat(parts.Where(p => p.Value > 0).Select(p => p.Value.ToString("0.#######", CultureInfo.InvariantCulture) + p.Unit));
    }
}

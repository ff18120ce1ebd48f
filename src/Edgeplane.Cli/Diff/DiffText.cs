using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Edgeplane.Cli.HubClient;
using Edgeplane.Cli.Shared;
using Edgeplane.Model.Diagnostics;
using Edgeplane.Protocol.Diff;

namespace Edgeplane.Cli.Diff;

/// <summary>
/// The readable form of a <see cref="DiffReport"/>. Clusters whose changes are identical (a version bump usually
/// touches every cluster the same way) are printed once with their names. Long values and long name lists are cut,
/// saying how much was left out; <c>-o json</c> has everything.
/// </summary>
internal static class DiffText
{
    private const int MaxValueChars = 120;
    private const int MaxNames = 10;

    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Write(TextWriter output, DiffReport report, string compared)
    {
        if (!report.HasChanges)
        {
            output.WriteLine($"no changes: every cluster of {compared} renders the same objects as {report.Base}");
            return;
        }
        var count = (string change) => report.Clusters.Count(c => c.Change == change);
        output.WriteLine($"{compared} compared with {report.Base}");
        output.WriteLine($"{report.Clusters.Count} cluster(s) change: {count(ClusterDiff.Added)} added, {count(ClusterDiff.Removed)} removed, {count(ClusterDiff.Changed)} changed");
        foreach (var change in new[] { ClusterDiff.Added, ClusterDiff.Removed })
        {
            if (report.Clusters.Where(c => c.Change == change).Select(c => c.Name).ToList() is { Count: > 0 } names)
            {
                output.WriteLine();
                output.WriteLine($"{change}: {Names(names)}");
            }
        }
        var groups = report.Clusters.Where(c => c.Change == ClusterDiff.Changed)
            .GroupBy(c => JsonSerializer.Serialize(c.Objects, HubApiClient.Json), StringComparer.Ordinal);
        foreach (var group in groups)
        {
            output.WriteLine();
            output.WriteLine($"changed: {Names(group.Select(c => c.Name).ToList())}");
            WriteObjects(output, group.First().Objects);
        }
        if (report.Refused.Count > 0)
        {
            output.WriteLine();
            output.WriteLine($"refused: the hub would fail this revision (Kubernetes version skew policy, {report.Refused.Count} error(s)):");
            DiagnosticPrinter.Print(output, compared, report.Refused.Select(r => new Diagnostic(new SourceLocation(r.File, r.Line, r.Column), r.Message, r.Code)));
        }
        output.WriteLine();
        WriteWaves(output, report.Waves);
    }

    private static void WriteObjects(TextWriter output, ObjectChanges objects)
    {
        foreach (var id in objects.Added)
        {
            output.WriteLine($"  + {id}");
        }
        foreach (var id in objects.Removed)
        {
            output.WriteLine($"  - {id}");
        }
        foreach (var obj in objects.Changed)
        {
            output.WriteLine($"  ~ {obj.Id}");
            foreach (var field in obj.Fields)
            {
                output.WriteLine($"      {field.Path}: {Value(field.From, field.Added)} → {Value(field.To, field.Removed)}");
            }
            if (obj.OmittedFields > 0)
            {
                output.WriteLine($"      … {obj.OmittedFields} more field(s) (--max-fields)");
            }
        }
    }

    private static void WriteWaves(TextWriter output, IReadOnlyList<WavePreview> waves)
    {
        output.WriteLine("waves the change would go through, in order:");
        var table = new TextTable("ROLLOUT", "WAVE", "MAX-UNAVAILABLE", "SOAK", "CLUSTERS");
        foreach (var wave in waves)
        {
            var clusters = wave.Clusters.Count == 0 ? "(none)" : Names(wave.Clusters);
            table.Add(wave.Rollout, wave.Name, wave.MaxUnavailable, wave.SoakTime, wave.Reason is null ? clusters : $"{clusters} ({wave.Reason})");
        }
        if (waves.Count == 0)
        {
            table.Add(null, "(none)", null, null, "no cluster moves: only removals");
        }
        table.Write(output);
    }

    /// <summary>Names joined by commas, at most <see cref="MaxNames"/> of them, then how many more.</summary>
    internal static string Names(IReadOnlyList<string> names) =>
        names.Count <= MaxNames ? string.Join(", ", names)
            : $"{string.Join(", ", names.Take(MaxNames))} … and {names.Count - MaxNames} more ({names.Count} clusters; -o json lists all)";

    /// <summary>A value as compact JSON, cut at <see cref="MaxValueChars"/> characters; <c>(none)</c> for a missing field.</summary>
    internal static string Value(JsonNode? value, bool absent)
    {
        if (absent)
        {
            return "(none)";
        }
        var text = value?.ToJsonString(Compact) ?? "null";
        return text.Length <= MaxValueChars ? text : $"{text[..MaxValueChars]}… ({text.Length} characters)";
    }
}

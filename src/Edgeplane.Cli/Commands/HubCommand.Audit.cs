using System.CommandLine;
using Edgeplane.Model.Validation;

namespace Edgeplane.Cli.Commands;

internal static partial class HubCommand
{
    private static (Option<string> Retention, Option<long> MaxEntries) AuditOptions() =>
    (
        new Option<string>("--audit-retention")
        {
            Description = "Delete audit entries older than this (1d to 3650d)",
            DefaultValueFactory = _ => "90d",
        },
        new Option<long>("--audit-max-entries")
        {
            Description = $"Keep at most this many audit entries, the newest ({Hub.AuditOptions.MinEntries} to {Hub.AuditOptions.MaxEntries})",
            DefaultValueFactory = _ => new Hub.AuditOptions().MaxKept,
        });

    /// <summary>The audit bounds from the flags; a malformed duration is an <see cref="ArgumentException"/> naming the flag.</summary>
    private static Hub.AuditOptions Audit(ParseResult parse, Option<string> retention, Option<long> maxEntries)
    {
        var text = parse.GetRequiredValue(retention);
        if (!Durations.TryParse(text, Hub.AuditOptions.MaxRetention, zeroAllowed: false, out var kept, out var error))
        {
            throw new ArgumentException($"--audit-retention: {error}");
        }
        var options = new Hub.AuditOptions { Retention = kept, MaxKept = parse.GetValue(maxEntries) };
        options.Validate();
        return options;
    }
}

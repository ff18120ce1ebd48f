namespace Edgeplane.Hub;

/// <summary>How long the audit log keeps entries and how large it may grow (docs/security.md, "Audit").</summary>
public sealed record AuditOptions
{
    /// <summary>Shortest retention accepted.</summary>
    public static readonly TimeSpan MinRetention = TimeSpan.FromDays(1);

    /// <summary>Longest retention accepted (ten years).</summary>
    public static readonly TimeSpan MaxRetention = TimeSpan.FromDays(3650);

    /// <summary>Fewest entries the log may be capped at.</summary>
    public const long MinEntries = 1_000;

    /// <summary>Most entries the log may be capped at.</summary>
    public const long MaxEntries = 100_000_000;

    /// <summary>Entries older than this are deleted (default 90 days; 1 day to 10 years).</summary>
    public TimeSpan Retention { get; init; } = TimeSpan.FromDays(90);

    /// <summary>At most this many entries are kept, the newest (default 1,000,000; 1,000 to 100,000,000).</summary>
    public long MaxKept { get; init; } = 1_000_000;

    /// <summary>How often the hub prunes (default 1 h; also once at start).</summary>
    public TimeSpan PruneInterval { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Most entries deleted by one statement (default 10,000), so a prune never holds the table long.</summary>
    public int PruneBatch { get; init; } = 10_000;

    /// <summary>Throws <see cref="ArgumentException"/> naming the option when a value is outside its bounds.</summary>
    public void Validate()
    {
        if (Retention < MinRetention || Retention > MaxRetention)
        {
            throw new ArgumentException($"the audit retention (--audit-retention) is {Retention}; it must be between 1 day and 3650 days, e.g. 90d");
        }
        if (MaxKept is < MinEntries or > MaxEntries)
        {
            throw new ArgumentException($"the audit entry cap (--audit-max-entries) is {MaxKept}; it must be between {MinEntries} and {MaxEntries}");
        }
        if (PruneInterval <= TimeSpan.Zero || PruneBatch < 1)
        {
            throw new ArgumentException("the audit prune interval and batch must be positive");
        }
    }
}

namespace Edgeplane.Agent.Status;

/// <summary>Bounds of the on-disk status outbox.</summary>
public sealed record StatusOutboxOptions
{
    /// <summary>Most unacknowledged reports kept (default 64); the oldest go first, the newest is always kept.</summary>
    public int MaxReports { get; init; } = 64;

    /// <summary>Most bytes of unacknowledged reports kept (default 16 MiB).</summary>
    public long MaxBytes { get; init; } = 16L * 1024 * 1024;
}

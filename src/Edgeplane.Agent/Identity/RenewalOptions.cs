namespace Edgeplane.Agent.Identity;

/// <summary>Timing of certificate renewal. Renewal is due at half of the certificate's lifetime.</summary>
public sealed record RenewalOptions
{
    /// <summary>
    /// Ceiling of the first wait after a failed attempt (default 30 s); doubles per failure; each wait is drawn from zero
    /// up to its ceiling (full jitter, see <c>Edgeplane.Resilience.Backoff</c>).
    /// </summary>
    public TimeSpan RetryInitialDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Highest ceiling of the wait between attempts (default 15 min); never past the certificate's expiry.</summary>
    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Network timeout of one Renew call (default 30 s, wall clock).</summary>
    public TimeSpan CallTimeout { get; init; } = TimeSpan.FromSeconds(30);
}

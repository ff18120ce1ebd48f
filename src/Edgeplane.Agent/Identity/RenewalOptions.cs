namespace Edgeplane.Agent.Identity;

/// <summary>Timing of certificate renewal. Renewal is due at half of the certificate's lifetime.</summary>
public sealed record RenewalOptions
{
    /// <summary>First wait after a failed attempt (default 30 s); doubles per failure.</summary>
    public TimeSpan RetryInitialDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest wait between attempts (default 15 min); never past the certificate's expiry.</summary>
    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Each wait is randomised by up to this fraction either way (default 0.2), so agents do not retry in step.</summary>
    public double JitterFraction { get; init; } = 0.2;

    /// <summary>Network timeout of one Renew call (default 30 s, wall clock).</summary>
    public TimeSpan CallTimeout { get; init; } = TimeSpan.FromSeconds(30);
}

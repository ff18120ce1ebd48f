namespace Edgeplane.Hub.Identity;

/// <summary>
/// Configuration of the hub's identity: where the CA lives, certificate lifetimes and token TTL bounds.
/// Defaults and bounds are documented in docs/security.md ("Limits").
/// </summary>
internal sealed record IdentityOptions
{
    /// <summary>Longest client certificate lifetime accepted in configuration.</summary>
    public static readonly TimeSpan MaxClientCertificateLifetime = TimeSpan.FromDays(30);

    /// <summary>Shortest client certificate lifetime accepted in configuration.</summary>
    public static readonly TimeSpan MinClientCertificateLifetime = TimeSpan.FromHours(1);

    /// <summary>The hub data folder; identity files go to <c>{DataDirectory}/identity</c>.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>DNS names and IP addresses agents use to reach the gateway (the server certificate's SANs).</summary>
    public IReadOnlyList<string> GatewayHostNames { get; init; } = ["localhost", "127.0.0.1", "::1"];

    /// <summary>Lifetime of an agent client certificate (default 7 days; 1 hour to 30 days).</summary>
    public TimeSpan ClientCertificateLifetime { get; init; } = TimeSpan.FromDays(7);

    /// <summary>Lifetime of the gateway server certificate; it is re-issued in memory at two thirds (default 30 days).</summary>
    public TimeSpan ServerCertificateLifetime { get; init; } = TimeSpan.FromDays(30);

    /// <summary>Lifetime of a newly created CA (default 10 years).</summary>
    public TimeSpan CaLifetime { get; init; } = TimeSpan.FromDays(3650);

    /// <summary>Bootstrap token TTL when none is given (default 1 hour).</summary>
    public TimeSpan DefaultTokenTtl { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Shortest bootstrap token TTL (default 1 minute).</summary>
    public TimeSpan MinTokenTtl { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Longest bootstrap token TTL (default 7 days); a token without expiry does not exist.</summary>
    public TimeSpan MaxTokenTtl { get; init; } = TimeSpan.FromDays(7);

    /// <summary>How far <c>notBefore</c> is back-dated so agents with a slightly slow clock accept a new certificate.</summary>
    public TimeSpan ClockSkewAllowance { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The folder holding <c>ca.crt</c> and <c>ca.key</c>.</summary>
    public string IdentityDirectory => Path.Combine(DataDirectory, "identity");

    /// <summary>Throws <see cref="ArgumentException"/> listing every setting that is out of bounds.</summary>
    public void Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(DataDirectory))
        {
            errors.Add("DataDirectory is empty");
        }
        if (GatewayHostNames.Count == 0 || GatewayHostNames.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add("GatewayHostNames must list at least one non-empty host name or IP address");
        }
        Check(errors, nameof(ClientCertificateLifetime), ClientCertificateLifetime,
            MinClientCertificateLifetime, MaxClientCertificateLifetime);
        Check(errors, nameof(ServerCertificateLifetime), ServerCertificateLifetime, TimeSpan.FromHours(1), TimeSpan.FromDays(397));
        Check(errors, nameof(CaLifetime), CaLifetime, TimeSpan.FromDays(30), TimeSpan.FromDays(36500));
        Check(errors, nameof(MinTokenTtl), MinTokenTtl, TimeSpan.FromSeconds(1), MaxTokenTtl);
        Check(errors, nameof(MaxTokenTtl), MaxTokenTtl, MinTokenTtl, TimeSpan.FromDays(30));
        Check(errors, nameof(DefaultTokenTtl), DefaultTokenTtl, MinTokenTtl, MaxTokenTtl);
        Check(errors, nameof(ClockSkewAllowance), ClockSkewAllowance, TimeSpan.Zero, TimeSpan.FromHours(1));
        if (errors.Count > 0)
        {
            throw new ArgumentException("invalid identity options: " + string.Join("; ", errors));
        }
    }

    private static void Check(List<string> errors, string name, TimeSpan value, TimeSpan min, TimeSpan max)
    {
        if (value < min || value > max)
        {
            errors.Add($"{name} is {value}; it must be between {min} and {max}");
        }
    }
}

using Edgeplane.Protocol.Identity;
using Edgeplane.Protocol.V1;
using Microsoft.Extensions.Logging;

namespace Edgeplane.Hub.Identity;

/// <summary>Creates single-use, expiring bootstrap tokens bound to one cluster (<c>edgeplane token create</c>).</summary>
internal sealed partial class BootstrapTokenService(
    HubCertificateAuthority ca,
    IIdentityStore store,
    IdentityOptions options,
    TimeProvider time,
    ILogger<BootstrapTokenService> logger)
{
    /// <summary>
    /// Creates a token for <paramref name="cluster"/> that expires after <paramref name="ttl"/> (default
    /// <see cref="IdentityOptions.DefaultTokenTtl"/>). Only the hash of its secret is stored. Throws
    /// <see cref="IdentityException"/> (<see cref="IdentityError.TokenTtlOutOfRange"/>) for a TTL outside the bounds.
    /// </summary>
    public async Task<CreatedBootstrapToken> CreateAsync(
        ClusterId cluster, TimeSpan? ttl, CancellationToken cancellationToken)
    {
        var lifetime = ttl ?? options.DefaultTokenTtl;
        if (lifetime < options.MinTokenTtl || lifetime > options.MaxTokenTtl)
        {
            throw new IdentityException(IdentityError.TokenTtlOutOfRange,
                $"token TTL {lifetime} is out of range; it must be between {options.MinTokenTtl} and {options.MaxTokenTtl}");
        }
        var token = BootstrapToken.Generate(ca.Pin);
        var now = time.GetUtcNow();
        var record = new BootstrapTokenRecord(token.Id, BootstrapToken.HashSecret(token.Secret), cluster, now, now + lifetime);
        await store.AddTokenAsync(record, cancellationToken).ConfigureAwait(false);
        LogCreated(logger, token.Id, cluster.Value, record.ExpiresAt);
        return new CreatedBootstrapToken(token, cluster, record.ExpiresAt);
    }

    [LoggerMessage(EventId = 1201, Level = LogLevel.Information,
        Message = "Bootstrap token {TokenId} created for cluster {Cluster}, expires {ExpiresAt:u}")]
    private static partial void LogCreated(ILogger logger, string tokenId, string cluster, DateTimeOffset expiresAt);
}

using Edgeplane.Hub.Store;
using Edgeplane.Hub.Store.Entities;
using Edgeplane.Protocol.Identity;
using Microsoft.EntityFrameworkCore;

namespace Edgeplane.Hub.Identity;

/// <summary>
/// The durable <see cref="IIdentityStore"/> on the hub database (SQLite or PostgreSQL). Every method is one
/// transaction; the single-use and revocation guarantees come from conditional updates whose row counts decide, so
/// they hold across hub replicas sharing PostgreSQL. On PostgreSQL a revocation also sends
/// <c>pg_notify('edgeplane_revocations', cluster)</c> in its transaction so every replica drops the cluster's streams.
/// </summary>
internal sealed class EfIdentityStore(IDbContextFactory<HubDbContext> contexts) : IIdentityStore
{
    /// <summary>The PostgreSQL channel revocations are announced on (payload: the cluster id).</summary>
    public const string RevocationChannel = "edgeplane_revocations";

    public async Task AddTokenAsync(BootstrapTokenRecord token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        await using var db = contexts.CreateDbContext();
        db.BootstrapTokens.Add(new BootstrapTokenEntity
        {
            Id = token.Id,
            SecretHash = token.SecretHash,
            Cluster = token.Cluster.Value,
            CreatedAt = token.CreatedAt.UtcDateTime,
            ExpiresAt = token.ExpiresAt.UtcDateTime,
            UsedAt = token.UsedAt?.UtcDateTime,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException e)
        {
            throw new InvalidOperationException($"bootstrap token id '{token.Id}' exists already", e);
        }
    }

    public async Task<BootstrapTokenRecord?> FindTokenAsync(string tokenId, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        var row = await db.BootstrapTokens.AsNoTracking().FirstOrDefaultAsync(t => t.Id == tokenId, cancellationToken).ConfigureAwait(false);
        return row is null ? null : new BootstrapTokenRecord(row.Id, row.SecretHash, ClusterId.Parse(row.Cluster), Utc(row.CreatedAt), Utc(row.ExpiresAt))
        {
            UsedAt = Utc(row.UsedAt),
        };
    }

    public async Task<bool> CompleteEnrollmentAsync(
        string tokenId, IssuedCertificateRecord certificate, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var at = now.UtcDateTime;
        var cluster = certificate.Cluster.Value;
        await using var db = contexts.CreateDbContext();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        // The row count decides: of two concurrent enrolments with one token, the second sees UsedAt set and gets 0.
        var consumed = await db.BootstrapTokens
            .Where(t => t.Id == tokenId && t.UsedAt == null && t.ExpiresAt > at && t.Cluster == cluster)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, at), cancellationToken).ConfigureAwait(false);
        if (consumed != 1)
        {
            return false;
        }
        db.IssuedCertificates.Add(Row(certificate));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "cluster_identities" ("Cluster","EnrolledAt","RevokedAt","RevocationReason") VALUES ({cluster},{at},NULL,NULL)
            ON CONFLICT ("Cluster") DO UPDATE SET "EnrolledAt"=excluded."EnrolledAt","RevokedAt"=NULL,"RevocationReason"=NULL
            """, cancellationToken).ConfigureAwait(false);
        // A new enrolment is a new agent identity and may start its status sequence again (a fresh state folder).
        await db.Clusters.Where(c => c.Name == cluster)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.StatusSequence, 0L), cancellationToken).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async Task<RenewalOutcome> RecordRenewalAsync(
        string renewedSerial, IssuedCertificateRecord certificate, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var cluster = certificate.Cluster.Value;
        var at = now.UtcDateTime;
        await using var db = contexts.CreateDbContext();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        // A no-op update that only matches a non-revoked cluster: it takes the row lock a concurrent revocation needs,
        // so either the revocation sees this certificate, or this renewal sees the revocation.
        var live = await db.ClusterIdentities.Where(c => c.Cluster == cluster && c.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.EnrolledAt, c => c.EnrolledAt), cancellationToken).ConfigureAwait(false);
        if (live != 1)
        {
            return RenewalOutcome.ClusterRevoked;
        }
        // The row count decides: of concurrent renewals of one certificate, the first to update it wins; the others wait
        // for its row lock (PostgreSQL) or the write lock (SQLite), then see RenewedAs set and match nothing.
        var marked = await db.IssuedCertificates
            .Where(c => c.Serial == renewedSerial && c.Cluster == cluster && c.RenewedAs == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.RenewedAs, certificate.Serial).SetProperty(c => c.RenewedAt, at),
                cancellationToken).ConfigureAwait(false);
        if (marked != 1)
        {
            return RenewalOutcome.AlreadyRenewed;
        }
        db.IssuedCertificates.Add(Row(certificate));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return RenewalOutcome.Recorded;
    }

    public async Task<IssuedCertificateRecord?> FindCertificateAsync(string serial, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        var row = await db.IssuedCertificates.AsNoTracking().FirstOrDefaultAsync(c => c.Serial == serial, cancellationToken).ConfigureAwait(false);
        return row is null ? null : new IssuedCertificateRecord(row.Serial, ClusterId.Parse(row.Cluster), Utc(row.NotBefore), Utc(row.NotAfter))
        {
            RevokedAt = Utc(row.RevokedAt),
            CertificateDer = row.CertificateDer,
            RenewedAs = row.RenewedAs,
            RenewedAt = Utc(row.RenewedAt),
        };
    }

    public async Task<ClusterIdentityRecord?> FindClusterAsync(ClusterId cluster, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        var row = await db.ClusterIdentities.AsNoTracking().FirstOrDefaultAsync(c => c.Cluster == cluster.Value, cancellationToken).ConfigureAwait(false);
        return row is null ? null : new ClusterIdentityRecord(cluster, Utc(row.EnrolledAt))
        {
            RevokedAt = Utc(row.RevokedAt),
            RevocationReason = row.RevocationReason,
        };
    }

    public async Task<ClusterRevocation> RevokeClusterAsync(
        ClusterId cluster, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var at = now.UtcDateTime;
        var name = cluster.Value;
        var text = StoreLimits.Cut(reason ?? "", StoreLimits.MaxReason);
        await using var db = contexts.CreateDbContext();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "cluster_identities" ("Cluster","EnrolledAt","RevokedAt","RevocationReason") VALUES ({name},NULL,{at},{text})
            ON CONFLICT ("Cluster") DO UPDATE SET "RevokedAt"=excluded."RevokedAt","RevocationReason"=excluded."RevocationReason"
            """, cancellationToken).ConfigureAwait(false);
        var certificates = await db.IssuedCertificates.Where(c => c.Cluster == name && c.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.RevokedAt, at), cancellationToken).ConfigureAwait(false);
        var tokens = await db.BootstrapTokens.Where(t => t.Cluster == name && t.UsedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, at), cancellationToken).ConfigureAwait(false);
        if (db is PostgresHubDbContext)
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_notify({RevocationChannel}, {name})", cancellationToken).ConfigureAwait(false);
        }
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new ClusterRevocation(cluster, now, certificates, tokens, 0);
    }

    private static IssuedCertificateEntity Row(IssuedCertificateRecord c) => new()
    {
        Serial = c.Serial,
        Cluster = c.Cluster.Value,
        NotBefore = c.NotBefore.UtcDateTime,
        NotAfter = c.NotAfter.UtcDateTime,
        RevokedAt = c.RevokedAt?.UtcDateTime,
        CertificateDer = c.CertificateDer,
    };

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    private static DateTimeOffset? Utc(DateTime? value) => value is { } v ? Utc(v) : null;
}

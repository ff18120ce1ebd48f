using Edgeplane.Hub.Store.Entities;
using Microsoft.EntityFrameworkCore;

namespace Edgeplane.Hub.Store;

/// <summary><see cref="ITokenStore"/> on EF Core: API tokens (hashes only); creating, revoking and rotating one is audited.</summary>
internal sealed class EfTokenStore(IDbContextFactory<HubDbContext> contexts, TimeProvider time) : ITokenStore
{
    private DateTime Now => time.GetUtcNow().UtcDateTime;

    public async Task<bool> AnyTokenAsync(CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        return await db.ApiTokens.AnyAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task AddTokenAsync(ApiToken token, CancellationToken cancellationToken) =>
        AddTokenAsync(token, token?.CreatedBy is { } creator ? new AuditActor(creator) : AuditActor.Hub, cancellationToken);

    public async Task AddTokenAsync(ApiToken token, AuditActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        await using var db = contexts.CreateDbContext();
        Add(db, token, actor);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<ApiToken?> FindTokenAsync(string hash, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        var record = await db.ApiTokens.AsNoTracking().Where(t => t.Hash == hash && !t.Revoked)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return record is null ? null : View(record);
    }

    public async Task<ApiToken?> GetTokenAsync(string id, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        var record = await db.ApiTokens.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, cancellationToken).ConfigureAwait(false);
        return record is null ? null : View(record);
    }

    public async Task<Page<ApiToken>> ListTokensAsync(int limit, string? continueToken, IReadOnlyCollection<string>? workspaces,
        CancellationToken cancellationToken)
    {
        var after = continueToken is null ? null : ContinueToken.Decode(continueToken);
        await using var db = contexts.CreateDbContext();
        var query = db.ApiTokens.AsNoTracking();
        if (workspaces is not null)
        {
            var names = workspaces.ToList();
            query = query.Where(t => t.Workspace != null && names.Contains(t.Workspace));
        }
        if (after is not null)
        {
            query = query.Where(t => string.Compare(t.Id, after) > 0);
        }
        var items = await query.OrderBy(t => t.Id).Take(limit + 1).ToListAsync(cancellationToken).ConfigureAwait(false);
        var page = StoreRows.Paged(items, limit, t => t.Id);
        return new Page<ApiToken>(page.Items.Select(View).ToList(), page.Continue);
    }

    public async Task<bool> RevokeTokenAsync(string id, AuditActor actor, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        var record = await db.ApiTokens.FirstOrDefaultAsync(t => t.Id == id, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return false;
        }
        Revoke(db, record, actor);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async Task<IReadOnlyList<string>> RotateAdminAsync(ApiToken replacement, AuditActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(replacement);
        await using var db = contexts.CreateDbContext();
        var subject = replacement.Subject;
        var old = await db.ApiTokens
            .Where(t => !t.Revoked && t.Role == replacement.Role && (t.Subject == subject || (t.Subject == null && "token:" + t.Name == subject)))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var record in old)
        {
            Revoke(db, record, actor);
        }
        Add(db, replacement, actor);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return old.Select(t => t.Id).ToList();
    }

    private void Add(HubDbContext db, ApiToken token, AuditActor actor)
    {
        db.ApiTokens.Add(new ApiTokenRecord
        {
            Id = token.Id, Name = token.Name, Role = token.Role, Hash = token.Hash, CreatedAt = token.CreatedAt, Subject = token.Subject,
            Workspace = token.Workspace, ExpiresAt = token.ExpiresAt, Description = token.Description, CreatedBy = token.CreatedBy,
        });
        var scope = token.Workspace is null ? "" : $" in workspace {token.Workspace}";
        var expires = token.ExpiresAt is { } at ? $"expires {at:u}" : "never expires";
        StoreRows.AddAudit(db, Now, StoreRows.Audit(actor, "token.create", token.Subject, "Succeeded",
            $"token {token.Id}, role {token.Role}{scope}, {expires}") with { Workspace = token.Workspace });
    }

    private void Revoke(HubDbContext db, ApiTokenRecord record, AuditActor actor)
    {
        var already = record.Revoked;
        record.Revoked = true;
        record.RevokedAt ??= Now;
        var subject = record.Subject ?? $"token:{record.Name}";
        StoreRows.AddAudit(db, Now, StoreRows.Audit(actor, "token.revoke", subject, "Succeeded",
            already ? $"token {record.Id} (was already revoked)" : $"token {record.Id}, role {record.Role}") with { Workspace = record.Workspace });
    }

    private static ApiToken View(ApiTokenRecord t) => new(t.Id, t.Name, t.Role, t.Hash, t.CreatedAt)
    {
        Subject = t.Subject ?? $"token:{t.Name}", Workspace = t.Workspace, ExpiresAt = t.ExpiresAt, Description = t.Description,
        CreatedBy = t.CreatedBy, RevokedAt = t.RevokedAt, Revoked = t.Revoked,
    };
}

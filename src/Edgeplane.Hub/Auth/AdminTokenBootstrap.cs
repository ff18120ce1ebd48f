using Edgeplane.Hub.Store;

namespace Edgeplane.Hub.Auth;

/// <summary>Creates the first admin token when the store has none, and hands the clear text out once.</summary>
internal sealed class AdminTokenBootstrap(ITokenStore tokens, HubOptions options, TimeProvider time)
{
    /// <summary>The admin token's name; its subject is <c>token:admin</c>, and <c>rotate-admin</c> replaces every token of that subject.</summary>
    public const string Name = "admin";

    public async Task EnsureAsync(CancellationToken cancellationToken)
    {
        if (await tokens.AnyTokenAsync(cancellationToken).ConfigureAwait(false))
        {
            return;
        }
        var (token, record) = ApiTokens.Create(Name, HubRoles.FleetAdmin, time.GetUtcNow().UtcDateTime);
        await tokens.AddTokenAsync(record, cancellationToken).ConfigureAwait(false);
        options.AdminTokenCreated?.Invoke(token);
    }
}

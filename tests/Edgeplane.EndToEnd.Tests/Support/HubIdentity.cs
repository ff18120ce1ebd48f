using System.Security.Cryptography.X509Certificates;
using Edgeplane.Cli.Up;
using Edgeplane.Hub.Identity;
using Edgeplane.Hub.Store;
using Edgeplane.Protocol.Identity;

namespace Edgeplane.EndToEnd.Tests.Support;

/// <summary>
/// The hub's identity as its data folder keeps it (the CA certificate file, the identity tables of its database), for
/// tests that need what the REST API rightly refuses to make: a token that expired, a token for a cluster the fleet does
/// not declare. It writes the database as a second hub replica would and asks nothing of the running hub's services.
/// </summary>
internal sealed class HubIdentity(UpLayout layout)
{
    /// <summary>The hub CA's certificate (public part).</summary>
    public X509Certificate2 CaCertificate => X509Certificate2.CreateFromPem(File.ReadAllText(
        Path.Combine(layout.Hub, "identity", HubCertificateAuthority.CertificateFileName)));

    /// <summary>A new token for <paramref name="cluster"/>, valid from <paramref name="from"/> to <paramref name="until"/>.</summary>
    public async Task<BootstrapToken> AddTokenAsync(string cluster, DateTimeOffset from, DateTimeOffset until)
    {
        using var ca = CaCertificate;
        var token = BootstrapToken.Generate(CaPin.Of(ca));
        IIdentityStore store = new EfIdentityStore(new HubDbContextFactory(StoreSettings.Parse(null, layout.Hub)));
        await store.AddTokenAsync(new BootstrapTokenRecord(token.Id, BootstrapToken.HashSecret(token.Secret), ClusterId.Parse(cluster), from, until),
            CancellationToken.None);
        return token;
    }

    /// <summary>A token for <paramref name="cluster"/> valid for the next hour.</summary>
    public Task<BootstrapToken> AddTokenAsync(string cluster) =>
        AddTokenAsync(cluster, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddHours(1));
}

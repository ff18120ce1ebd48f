using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Edgeplane.Agent.Identity;
using Edgeplane.Hub.Gateway;
using Edgeplane.Hub.Identity;
using Edgeplane.Hub.Store;
using Edgeplane.Hub.Tests.Gateway.Support;
using Edgeplane.Hub.Tests.Infrastructure;
using Edgeplane.Protocol;
using Edgeplane.Protocol.Identity;
using Edgeplane.Protocol.V1;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;

namespace Edgeplane.Hub.Tests.Identity;

/// <summary>
/// A certificate is renewed once, on the real gateway and store: a repeat for the same key gets the certificate issued
/// then (no new row), one for another key is refused with FailedPrecondition/AlreadyRenewed, and of renewals in parallel
/// exactly one issues, on SQLite and PostgreSQL alike.
/// </summary>
public sealed class RenewOnceTests
{
    private const string Cluster = "edge-site-1";

    // High enough that the per-cluster Renew rate does not interfere with what is tested here.
    private static readonly GatewayOptions Options = new() { RenewBurst = 100 };

    [StoreTheory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Renew_SameCertificateTwice_SameKeyGetsTheIssuedCertificate_AnotherKeyRefused_OneRow(StoreKind store)
    {
        await using var scenario = await GatewayScenario.StartAsync(store, Options);
        using var agent = await scenario.EnrolAsync(Cluster);
        scenario.Time.Advance(TimeSpan.FromDays(1));
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        var issued = await RenewAsync(agent, key);
        var repeated = await RenewAsync(agent, key);
        var e = await Assert.ThrowsAsync<RpcException>(() => RenewAsync(agent, otherKey));

        Assert.Equal(issued.Certificate.CertificateDer, repeated.Certificate.CertificateDer);
        using var certificate = X509CertificateLoader.LoadCertificate(issued.Certificate.CertificateDer.ToByteArray());
        Assert.Equal(StatusCode.FailedPrecondition, e.StatusCode);
        Assert.Equal(nameof(IdentityError.AlreadyRenewed), e.Trailers.GetValue(GatewayMetadata.IdentityErrorKey));
        var old = agent.Credentials.Certificate.SerialNumber;
        Assert.StartsWith($"certificate {old} of cluster '{Cluster}' was already renewed at ", e.Status.Detail, StringComparison.Ordinal);
        Assert.EndsWith($" as {certificate.SerialNumber}, for another key; a certificate is renewed once: use the certificate issued " +
            "then (renewing again with the same key returns it), or enrol again with a new bootstrap token", e.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(2, await CertificateRowsAsync(scenario));
        var record = await scenario.Host.Service<IIdentityStore>().FindCertificateAsync(old, CancellationToken.None);
        Assert.Equal(certificate.SerialNumber, record!.RenewedAs);
        Assert.Equal(scenario.Time.GetUtcNow(), record.RenewedAt!.Value, TimeSpan.FromMilliseconds(1));
    }

    [StoreTheory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Renew_InParallelForOneCertificate_ExactlyOneIssues(StoreKind store)
    {
        await using var scenario = await GatewayScenario.StartAsync(store, Options);
        using var agent = await scenario.EnrolAsync(Cluster);
        scenario.Time.Advance(TimeSpan.FromDays(1));
        // Two keys, four calls each, all at once: the winner's key gets one certificate four times, the other key nothing.
        using var a = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var b = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var calls = Enumerable.Range(0, 8).Select(i => Outcome(RenewAsync(agent, i % 2 == 0 ? a : b))).ToList();

        var outcomes = await Task.WhenAll(calls);

        var issued = outcomes.Where(o => o.Der is not null).Select(o => o.Der!).ToList();
        Assert.Equal(4, issued.Count);
        Assert.Single(issued.Distinct(StringComparer.Ordinal));
        Assert.All(outcomes.Where(o => o.Der is null), o => Assert.Equal(StatusCode.FailedPrecondition, o.Status));
        Assert.Equal(2, await CertificateRowsAsync(scenario));
    }

    [Fact]
    public async Task Renew_RenewedCertificateRenewsAgainAfterItsOwnMinimumAge()
    {
        await using var scenario = await GatewayScenario.StartAsync(StoreKind.Sqlite, Options);
        using var agent = await scenario.EnrolAsync(Cluster);
        scenario.Time.Advance(TimeSpan.FromDays(1));
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var response = await RenewAsync(agent, key);
        using var renewed = new GatewayAgent(scenario, new AgentCredentials(
            AgentKeys.Attach(response.Certificate.CertificateDer.ToByteArray(), key), agent.Credentials.HubCa, ClusterId.Parse(Cluster)));

        using var next = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var early = await Assert.ThrowsAsync<RpcException>(() => RenewAsync(renewed, next));
        scenario.Time.Advance(TimeSpan.FromDays(1));
        var again = await RenewAsync(renewed, next);

        Assert.Equal(nameof(IdentityError.RenewalTooEarly), early.Trailers.GetValue(GatewayMetadata.IdentityErrorKey));
        Assert.NotEqual(response.Certificate.CertificateDer, again.Certificate.CertificateDer);
        Assert.Equal(3, await CertificateRowsAsync(scenario));
    }

    private static Task<RenewResponse> RenewAsync(GatewayAgent agent, ECDsa key) => agent.Client.RenewAsync(new RenewRequest
    {
        ClusterId = agent.Cluster,
        CsrDer = ByteString.CopyFrom(AgentKeys.Csr(key, null)),
    }).ResponseAsync;

    private static async Task<(string? Der, StatusCode Status)> Outcome(Task<RenewResponse> call)
    {
        try
        {
            return (Convert.ToBase64String((await call).Certificate.CertificateDer.ToByteArray()), StatusCode.OK);
        }
        catch (RpcException e)
        {
            return (null, e.StatusCode);
        }
    }

    private static async Task<int> CertificateRowsAsync(GatewayScenario scenario)
    {
        await using var db = await scenario.Host.Service<IDbContextFactory<HubDbContext>>().CreateDbContextAsync();
        return await db.IssuedCertificates.CountAsync(c => c.Cluster == Cluster);
    }
}

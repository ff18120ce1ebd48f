using Edgeplane.Hub.Gateway;
using Edgeplane.Hub.Gateway.Admission;
using Edgeplane.Hub.Tests.Gateway.Support;
using Edgeplane.Hub.Tests.Identity.Support;
using Edgeplane.Hub.Tests.Infrastructure;
using Edgeplane.Protocol.V1;

namespace Edgeplane.Hub.Tests.Gateway;

/// <summary>
/// The gateway listener holds a handshake slot through the TLS handshake only, over real Kestrel + TLS with a single
/// slot: if the slot stayed with an open connection, or with a handshake that failed, the next agent would never get
/// in (the hub's clock is fake, so no wait would ever expire).
/// </summary>
public sealed class HandshakeSlotTests
{
    [Fact]
    public async Task Connect_OneSlotAnOpenStreamAndAFailedHandshake_NextAgentStillGetsIn()
    {
        await using var scenario = await GatewayScenario.StartAsync(StoreKind.Sqlite, new GatewayOptions { MaxConcurrentHandshakes = 1 });
        using var first = await scenario.EnrolAsync("edge-site-1");
        using var second = await scenario.EnrolAsync("cloud-eu");
        Assert.Equal(HubMessage.BodyOneofCase.Welcome, (await first.ConnectAsync().WaitAsync(GatewayScenario.Timeout)).BodyCase);
        using var foreignCa = TestCertificates.NewCa("Other CA");
        using var foreign = TestCertificates.NewClient(foreignCa, "CN=cloud-eu");

        await TransportAssert.TlsRefusesAsync(scenario.GatewayAddress, foreign).WaitAsync(GatewayScenario.Timeout);
        var welcome = await second.ConnectAsync().WaitAsync(GatewayScenario.Timeout);

        Assert.Equal(HubMessage.BodyOneofCase.Welcome, welcome.BodyCase);
        var admission = scenario.Host.Service<AdmissionController>();
        Assert.Equal((0, 0), (admission.HandshakesInFlight, admission.QueuedHandshakes));
    }
}

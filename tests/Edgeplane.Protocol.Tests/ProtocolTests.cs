using Edgeplane.Protocol.V1;
using Google.Protobuf;

namespace Edgeplane.Protocol.Tests;

public sealed class ProtocolTests
{
    [Fact]
    public void GatewayMethods_MatchTheGeneratedService()
    {
        var methods = AgentGateway.Descriptor.Methods.Select(m => GatewayMethods.ServicePrefix + m.Name).Order(StringComparer.Ordinal);

        Assert.Equal("/edgeplane.agent.v1.AgentGateway/", GatewayMethods.ServicePrefix);
        Assert.Equal(new[] { GatewayMethods.Connect, GatewayMethods.Discover, GatewayMethods.Enroll, GatewayMethods.FetchBundle,
            GatewayMethods.Renew }, methods);
        Assert.True(GatewayMethods.IsAnonymous(GatewayMethods.Enroll));
        Assert.False(GatewayMethods.IsAnonymous(GatewayMethods.Renew));
    }

    [Fact]
    public void Envelopes_UnknownFieldsFromANewerPeer_AreKeptAndIgnored()
    {
        // A v1.x peer adds field 40 to a message; a v1 reader must still read what it knows.
        var hello = new AgentMessage { Hello = new Hello { ClusterId = "a", ProtocolVersion = 7 } }.ToByteArray();
        byte[] extra = [0xC2, 0x02, 0x01, 0x58]; // field 40, length-delimited, 1 byte
        var parsed = AgentMessage.Parser.ParseFrom([.. hello, .. extra]);

        Assert.Equal("a", parsed.Hello.ClusterId);
        Assert.Equal(7u, parsed.Hello.ProtocolVersion);
        Assert.Equal(ProtocolVersions.Current, ProtocolVersions.Negotiate(parsed.Hello.ProtocolVersion));
    }

    [Fact]
    public void Limits_ChunkFitsInAMessage()
    {
        Assert.True(ProtocolLimits.BundleChunkBytes * 2 <= ProtocolLimits.MaxMessageBytes);
        Assert.Equal(256 * 1024, ProtocolLimits.BundleChunkBytes);
        Assert.Equal(256L * 1024 * 1024, ProtocolLimits.MaxBundleBytes);
    }
}

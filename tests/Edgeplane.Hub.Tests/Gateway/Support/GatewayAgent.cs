using Edgeplane.Agent.Identity;
using Edgeplane.Protocol;
using Edgeplane.Protocol.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;

namespace Edgeplane.Hub.Tests.Gateway.Support;

/// <summary>
/// A minimal agent at the protocol level over a real mTLS channel (the agent's own <see cref="HubChannels"/>): opens
/// Connect, reads what the hub sends, sends heartbeats and status reports, fetches bundles.
/// </summary>
internal sealed class GatewayAgent(GatewayScenario scenario, AgentCredentials credentials) : IDisposable
{
    private GrpcChannel? _channel;
    private Uri? _channelAddress;
    private AsyncDuplexStreamingCall<AgentMessage, HubMessage>? _call;

    public AgentCredentials Credentials { get; } = credentials;

    public string Cluster => Credentials.Cluster.Value;

    /// <summary>Another hub replica's gateway to dial instead of the scenario's.</summary>
    public Uri? HubAddress { get; init; }

    private Uri Address => HubAddress ?? scenario.GatewayAddress;

    public AgentGateway.AgentGatewayClient Client
    {
        get
        {
            // A restarted hub listens on a new port (port 0): follow it like a real agent re-dialing its hub URL.
            if (_channel is null || _channelAddress != Address)
            {
                _channel?.Dispose();
                _channelAddress = Address;
                _channel = HubChannels.Create(_channelAddress, Credentials, scenario.Time);
            }
            return new AgentGateway.AgentGatewayClient(_channel);
        }
    }

    /// <summary>Opens Connect with a Hello and returns the hub's first message (a Welcome, or a Goodbye when refused).</summary>
    public async Task<HubMessage> ConnectAsync(string? claimedCluster = null, ulong lastAcked = 0, uint protocol = ProtocolVersions.Current)
    {
        _call?.Dispose();
        _call = Client.Connect();
        try
        {
            await _call.RequestStream.WriteAsync(new AgentMessage
            {
                Hello = new Hello
                {
                    ClusterId = claimedCluster ?? Cluster,
                    AgentVersion = "test-agent/1.0",
                    ProtocolVersion = protocol,
                    LastAckedStatusSequence = lastAcked,
                },
            });
        }
        catch (RpcException)
        {
            // The hub may refuse the call (an interceptor, before any message is read) while the Hello is still being
            // written: the write then fails as Cancelled, and the hub's own status is what the response stream says.
        }
        return await NextAsync();
    }

    /// <summary>The next message from the hub; throws when the stream ended or failed.</summary>
    public async Task<HubMessage> NextAsync()
    {
        var call = _call ?? throw new InvalidOperationException("not connected");
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None).WaitAsync(GatewayScenario.Timeout), "the hub ended the stream");
        return call.ResponseStream.Current;
    }

    /// <summary>Reads until the hub ends the stream; returns the messages read (the last is usually a Goodbye).</summary>
    public async Task<List<HubMessage>> ReadToEndAsync()
    {
        var call = _call ?? throw new InvalidOperationException("not connected");
        var messages = new List<HubMessage>();
        while (await call.ResponseStream.MoveNext(CancellationToken.None).WaitAsync(GatewayScenario.Timeout))
        {
            messages.Add(call.ResponseStream.Current);
        }
        return messages;
    }

    public Task SendStatusAsync(StatusReport report) => Send(new AgentMessage { Status = report });

    /// <summary>
    /// Sends a heartbeat and waits until the scenario's hub has taken it (see <see cref="GatewayScenario.WaitForContactAsync"/>),
    /// so a test that steps the fake clock next cannot outrun the hub's reading.
    /// </summary>
    public async Task HeartbeatAsync()
    {
        var now = scenario.Time.GetUtcNow();
        await Send(new AgentMessage { Heartbeat = new Heartbeat { Time = Timestamp.FromDateTimeOffset(now) } });
        await scenario.WaitForContactAsync(Cluster, now);
    }

    /// <summary>Half-closes the stream and reads to its end: when this returns, the hub has finished the session.</summary>
    public async Task<List<HubMessage>> CloseAsync()
    {
        var call = _call ?? throw new InvalidOperationException("not connected");
        await call.RequestStream.CompleteAsync();
        var rest = await ReadToEndAsync();
        Disconnect();
        return rest;
    }

    /// <summary>Drops the call without closing it (the agent vanishes).</summary>
    public void Disconnect()
    {
        _call?.Dispose();
        _call = null;
    }

    /// <summary>A status report with typical content.</summary>
    public static StatusReport Status(ulong sequence, string? applied = null, HealthStatus health = HealthStatus.Current) => new()
    {
        Sequence = sequence,
        AppliedDigest = applied ?? "",
        KubernetesVersion = "v1.30.4",
        AgentVersion = "test-agent/1.0",
        ChangeSet = new ChangeSetSummary { Created = 2, Unchanged = 1 },
        Objects =
        {
            new ObjectHealth { Object = new ObjectRef { ApiVersion = "v1", Kind = "ConfigMap", Namespace = "platform", Name = "site" }, Status = HealthStatus.Current },
            new ObjectHealth { Object = new ObjectRef { ApiVersion = "apps/v1", Kind = "Deployment", Namespace = "platform", Name = "web" }, Status = health, Message = "2/3 replicas" },
        },
        Drift = { new DriftEntry { Object = new ObjectRef { ApiVersion = "v1", Kind = "ConfigMap", Namespace = "platform", Name = "site" }, Fields = { "data.mode" } } },
        Conditions = { new Condition { Type = ConditionTypes.Ready, Status = ConditionStatus.True, Reason = "ReconciliationSucceeded" } },
    };

    /// <summary>Downloads a bundle from <paramref name="offset"/>; returns the chunks.</summary>
    public async Task<List<BundleChunk>> FetchAsync(string digest, ulong offset = 0)
    {
        using var call = Client.FetchBundle(new FetchBundleRequest { Digest = digest, Offset = offset });
        var chunks = new List<BundleChunk>();
        while (await call.ResponseStream.MoveNext(CancellationToken.None).WaitAsync(GatewayScenario.Timeout))
        {
            chunks.Add(call.ResponseStream.Current);
        }
        return chunks;
    }

    private Task Send(AgentMessage message) =>
        (_call ?? throw new InvalidOperationException("not connected")).RequestStream.WriteAsync(message);

    public void Dispose()
    {
        _call?.Dispose();
        _channel?.Dispose();
    }
}

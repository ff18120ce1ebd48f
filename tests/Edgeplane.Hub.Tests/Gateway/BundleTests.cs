using System.IO.Compression;
using System.Security.Cryptography;
using Edgeplane.Hub.Tests.Gateway.Support;
using Edgeplane.Hub.Tests.Infrastructure;
using Edgeplane.Protocol;
using Edgeplane.Protocol.V1;
using Grpc.Core;

namespace Edgeplane.Hub.Tests.Gateway;

/// <summary>FetchBundle: gzip stream in chunks, resumable, checked end to end, only for the cluster's own targets.</summary>
public sealed class BundleTests
{
    [StoreTheory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task FetchBundle_LargeBundle_ChunksResumeFromAnOffsetAndHashToTheDigest(StoreKind store)
    {
        await using var scenario = await GatewayScenario.StartAsync(store);
        AddLargeObjects(scenario, "edge-site-1");
        await scenario.CommitAndProcessAsync("large objects for edge-site-1");
        using var agent = await scenario.EnrolAsync("edge-site-1");
        var digest = (await agent.ConnectAsync()).Welcome.Target.Digest;

        var full = await agent.FetchAsync(digest);
        var resumeAt = full[1].Offset + 1000;
        var resumed = await agent.FetchAsync(digest, resumeAt);

        Assert.True(full.Count >= 3, $"expected several chunks, got {full.Count}");
        Assert.All(full, c => Assert.True(c.Data.Length <= ProtocolLimits.BundleChunkBytes));
        Assert.Equal(full.Select((_, i) => (ulong)i * ProtocolLimits.BundleChunkBytes), full.Select(c => c.Offset));
        Assert.Equal([.. Enumerable.Repeat(false, full.Count - 1), true], full.Select(c => c.Final));
        var gzip = full.SelectMany(c => c.Data.ToByteArray()).ToArray();
        Assert.Equal((ulong)gzip.Length, full[0].CompressedSize);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(gzip)), full[^1].CompressedSha256);
        var bundle = Gunzip(gzip);
        Assert.Equal((ulong)bundle.Length, full[0].UncompressedSize);
        Assert.Equal(digest, "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bundle)));
        Assert.Equal(resumeAt, resumed[0].Offset);
        Assert.Equal(gzip[(int)resumeAt..], resumed.SelectMany(c => c.Data.ToByteArray()).ToArray());
        Assert.Equal(full[^1].CompressedSha256, resumed[^1].CompressedSha256);
        Assert.All(full, c => Assert.Equal(BundleCompression.Gzip, c.Compression));
    }

    [Fact]
    public async Task FetchBundle_DigestOfAnotherCluster_PermissionDenied()
    {
        await using var scenario = await GatewayScenario.StartAsync(StoreKind.Sqlite);
        using var agent = await scenario.EnrolAsync("edge-site-1");
        await agent.ConnectAsync();
        var foreign = (await scenario.ClusterAsync("cloud-eu")).Cluster.Target.Digest!;

        var e = await Assert.ThrowsAsync<RpcException>(() => agent.FetchAsync(foreign));

        Assert.Equal(StatusCode.PermissionDenied, e.StatusCode);
        Assert.Equal($"bundle {foreign} is not a current or recent target of cluster 'edge-site-1'", e.Status.Detail);
    }

    [Fact]
    public async Task FetchBundle_PreviousTargetAfterACommit_StillServed()
    {
        await using var scenario = await GatewayScenario.StartAsync(StoreKind.Sqlite);
        using var agent = await scenario.EnrolAsync("edge-site-1");
        var previous = (await agent.ConnectAsync()).Welcome.Target.Digest;
        scenario.Repo.Write("clusters/edge-site-1/configmap.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: other\n  namespace: platform\n");
        await scenario.CommitAndProcessAsync("edge only");
        var current = (await agent.NextAsync()).TargetChanged.Target.Digest;

        var old = await agent.FetchAsync(previous);
        var fresh = await agent.FetchAsync(current);

        Assert.Equal(previous, "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Gunzip(old.SelectMany(c => c.Data.ToByteArray()).ToArray()))));
        Assert.True(Assert.Single(fresh).Final);
    }

    [Theory]
    [InlineData("sha256:abc", StatusCode.InvalidArgument, "digest 'sha256:abc' is not sha256:<64 lowercase hex>")]
    [InlineData("", StatusCode.InvalidArgument, "digest '' is not sha256:<64 lowercase hex>")]
    public async Task FetchBundle_MalformedDigest_InvalidArgument(string digest, StatusCode code, string message)
    {
        await using var scenario = await GatewayScenario.StartAsync(StoreKind.Sqlite);
        using var agent = await scenario.EnrolAsync("edge-site-1");

        var e = await Assert.ThrowsAsync<RpcException>(() => agent.FetchAsync(digest));

        Assert.Equal((code, message), (e.StatusCode, e.Status.Detail));
    }

    [Fact]
    public async Task FetchBundle_OffsetPastTheEnd_OutOfRange()
    {
        await using var scenario = await GatewayScenario.StartAsync(StoreKind.Sqlite);
        using var agent = await scenario.EnrolAsync("edge-site-1");
        var digest = (await agent.ConnectAsync()).Welcome.Target.Digest;
        var size = (await agent.FetchAsync(digest))[0].CompressedSize;

        var e = await Assert.ThrowsAsync<RpcException>(() => agent.FetchAsync(digest, size + 1));
        var atEnd = await agent.FetchAsync(digest, size);

        Assert.Equal(StatusCode.OutOfRange, e.StatusCode);
        Assert.Equal($"offset {size + 1} is past the end of bundle {digest} ({size} compressed bytes)", e.Status.Detail);
        var last = Assert.Single(atEnd);
        Assert.True(last.Final);
        Assert.Equal(0, last.Data.Length);
    }

    private static void AddLargeObjects(GatewayScenario scenario, string cluster)
    {
        var random = new Random(42);
        for (var i = 0; i < 2; i++)
        {
            var data = new byte[450 * 1024];
            random.NextBytes(data);
            scenario.Repo.Write($"clusters/{cluster}/large-{i}.yaml",
                $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: large-{i}\n  namespace: platform\ndata:\n  blob: {Convert.ToBase64String(data)}\n");
        }
    }

    private static byte[] Gunzip(byte[] gzip)
    {
        using var input = new GZipStream(new MemoryStream(gzip), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }
}

using Edgeplane.KubeSim;

namespace Edgeplane.Kubernetes.Tests.Support;

/// <summary>One KubeSim server per test class; every test adds its own virtual cluster to it.</summary>
public sealed class KubeSimFixture : IAsyncLifetime
{
    private int _clusters;

    public KubeSimServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await KubeSimServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();

    /// <summary>A fresh virtual cluster named after the test, with a connection and an applier for it.</summary>
    public TestCluster NewCluster(string test, ClusterConnectionOptions? options = null, TimeProvider? time = null, Random? random = null,
        DelegatingHandler? handler = null)
    {
        var name = $"{Slug(test)}-{Interlocked.Increment(ref _clusters)}";
        return new TestCluster(Server.AddCluster(name), options, time, random, handler);
    }

    /// <summary>A cluster whose engine client arms <paramref name="arm"/> (on the KubeSim cluster) before the first matching request.</summary>
    public TestCluster NewClusterWithFault(string test, Func<HttpRequestMessage, bool> matches, Action<KubeSim.KubeSimCluster> arm)
    {
        var name = $"{Slug(test)}-{Interlocked.Increment(ref _clusters)}";
        var sim = Server.AddCluster(name);
        return new TestCluster(sim, null, null, null, new ArmFaultHandler(matches, () => arm(sim)));
    }

    private static string Slug(string test)
    {
        var slug = new string(test.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
        return slug.Length > 40 ? slug[..40].TrimEnd('-') : slug;
    }
}

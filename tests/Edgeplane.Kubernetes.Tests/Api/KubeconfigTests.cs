using Edgeplane.Kubernetes.Tests.Support;
using k8s;
using k8s.Exceptions;

namespace Edgeplane.Kubernetes.Tests.Api;

/// <summary>Kubeconfig files read as kubectl reads them: a user with no credentials means anonymous, not an error.</summary>
public sealed class KubeconfigTests(KubeSimFixture sim) : IClassFixture<KubeSimFixture>, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kubeconfig-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task EmptyUser_TalksToTheServerWithoutCredentials()
    {
        var cluster = sim.Server.AddCluster("anon-" + Guid.NewGuid().ToString("N")[..8]);
        var path = Write($$$"""
            apiVersion: v1
            kind: Config
            clusters: [{name: c, cluster: {server: "{{{cluster.Uri}}}"}}]
            users: [{name: u, user: {}}]
            contexts: [{name: ctx, context: {cluster: c, user: u, namespace: team-a}}]
            current-context: ctx
            """);

        var config = Kubeconfig.Load(path, "ctx");
        using var client = new k8s.Kubernetes(config);
        var namespaces = await client.CoreV1.ListNamespaceAsync();

        Assert.Equal(cluster.Uri.ToString().TrimEnd('/'), config.Host.TrimEnd('/'));
        Assert.Equal("team-a", config.Namespace);
        Assert.Null(config.AccessToken);
        Assert.Contains(namespaces.Items, n => n.Metadata.Name == "default");
    }

    [Fact]
    public void UserWithToken_IsTheClientsOwnConfiguration()
    {
        var path = Write("""
            apiVersion: v1
            kind: Config
            clusters: [{name: c, cluster: {server: "http://127.0.0.1:1"}}]
            users: [{name: u, user: {token: secret-token}}]
            contexts: [{name: ctx, context: {cluster: c, user: u}}]
            current-context: ctx
            """);

        var config = Kubeconfig.Load(path);

        Assert.Equal("secret-token", config.AccessToken);
    }

    [Fact]
    public void UnknownContext_IsRefusedByName()
    {
        var path = Write("""
            apiVersion: v1
            kind: Config
            clusters: [{name: c, cluster: {server: "http://127.0.0.1:1"}}]
            users: [{name: u, user: {}}]
            contexts: [{name: ctx, context: {cluster: c, user: u}}]
            current-context: ctx
            """);

        var error = Assert.Throws<KubeConfigException>(() => Kubeconfig.Load(path, "nope"));

        Assert.Contains("nope", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingFile_SaysWhichFile()
    {
        var path = Path.Combine(_dir, "absent.yaml");

        var error = Assert.Throws<FileNotFoundException>(() => Kubeconfig.Load(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    private string Write(string text)
    {
        var path = Path.Combine(_dir, Guid.NewGuid().ToString("N") + ".yaml");
        File.WriteAllText(path, text);
        return path;
    }
}

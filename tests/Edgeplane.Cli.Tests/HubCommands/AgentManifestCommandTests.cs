using System.Runtime.Versioning;
using System.Text;
using System.Text.Json.Nodes;
using Edgeplane.Hub.Identity;
using Edgeplane.Hub.Store;
using Edgeplane.Model.Yaml;
using Edgeplane.Protocol.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Edgeplane.Cli.Tests.HubCommands;

/// <summary>
/// <c>edgeplane agent manifest</c> against a real hub: a fresh token minted as the logged-in user (or the one of
/// <c>--token-file</c>) inside the install manifests; clear refusals, and nothing printed when it refuses.
/// </summary>
[Collection(CliConfigCollection.Name)]
[UnsupportedOSPlatform("windows")]
public sealed class AgentManifestCommandTests(HubFixture hub) : IClassFixture<HubFixture>, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("edgeplane-manifest-").FullName;

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("EDGEPLANE_CONFIG", null);
        Directory.Delete(_dir, recursive: true);
    }

    private async Task LoginAsync()
    {
        Environment.SetEnvironmentVariable("EDGEPLANE_CONFIG", Path.Combine(_dir, "config.json"));
        Assert.Equal(0, (await HubCli.RunAsync("login", "--hub", hub.Url, "--token", hub.Token)).ExitCode);
    }

    [Fact]
    public async Task Manifest_LoggedIn_MintsATokenForTheCluster_PrintsHardenedManifests()
    {
        await LoginAsync();

        var run = await HubCli.RunAsync("agent", "manifest", "--cluster", "edge-site-1", "--hub", "https://gateway.example.com:7443");

        Assert.Equal(0, run.ExitCode);
        var objects = YamlLoader.Load("m.yaml", run.Out).Documents.Select(d => (JsonObject)d.Root).ToList();
        Assert.Equal(["Namespace", "ServiceAccount", "ClusterRoleBinding", "Secret", "Deployment"], objects.Select(o => (string)o["kind"]!));
        var data = objects.Single(o => (string)o["kind"]! == "Secret")["data"]!;
        var token = BootstrapToken.Parse(Decoded(data["token"]));
        Assert.Equal("https://gateway.example.com:7443", Decoded(data["hub"]));
        Assert.Equal(hub.App.Services.GetRequiredService<HubCertificateAuthority>().Pin.ToString(), Decoded(data["ca-pin"]));
        var record = await hub.App.Services.GetRequiredService<IIdentityStore>().FindTokenAsync(token.Id, default);
        Assert.Equal(("edge-site-1", (DateTimeOffset?)null), (record!.Cluster.Value, record.UsedAt));
        var container = objects.Single(o => (string)o["kind"]! == "Deployment")["spec"]!["template"]!["spec"]!["containers"]![0]!;
        Assert.True((bool)container["securityContext"]!["runAsNonRoot"]!);
        Assert.True((bool)container["securityContext"]!["readOnlyRootFilesystem"]!);
        Assert.NotNull(container["resources"]!["limits"]!["memory"]);
        Assert.NotNull(container["livenessProbe"]);
        Assert.Contains($"bootstrap token {token.Id} for cluster edge-site-1: single use", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(token.Secret, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Manifest_ApiFlagsAndJson_AV1ListOfTheSameObjects()
    {
        var run = await HubCli.RunAsync("agent", "manifest", "--cluster", "cloud-eu", "--hub", "https://gateway.example.com:7443",
            "--api", hub.Url, "--api-token", hub.Token, "-o", "json");

        Assert.Equal(0, run.ExitCode);
        var list = JsonNode.Parse(run.Out)!;
        Assert.Equal("List", (string)list["kind"]!);
        Assert.Equal(5, list["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task Manifest_ClusterNotDeclared_ExitOne_SaysSo_PrintsNothing()
    {
        await LoginAsync();

        var run = await HubCli.RunAsync("agent", "manifest", "--cluster", "brownfield-01", "--hub", "https://gateway.example.com:7443");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("cluster 'brownfield-01' is not declared in the fleet", run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Out);
    }

    [Fact]
    public async Task Manifest_HubAdvertisesNoGateway_AndNoHubFlag_UsageNamingTheFlag()
    {
        await LoginAsync();

        var run = await HubCli.RunAsync("agent", "manifest", "--cluster", "edge-site-1");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("the gateway URL agents dial is unknown", run.Error, StringComparison.Ordinal);
        Assert.Contains("pass --hub https://HOST:PORT", run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Out);
    }

    [Theory]
    [InlineData("http://gateway.example.com:7443", "--hub 'http://gateway.example.com:7443' must be an absolute https:// URL")]
    [InlineData("gateway:7443", "--hub 'gateway:7443' must be an absolute https:// URL")]
    public async Task Manifest_HubNotHttps_UsageBeforeAnyTokenIsMinted(string url, string expected)
    {
        var before = await TokenCountAsync();

        var run = await HubCli.RunAsync("agent", "manifest", "--cluster", "edge-site-1", "--hub", url, "--api", hub.Url, "--api-token", hub.Token);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
        Assert.Equal(before, await TokenCountAsync());
    }

    [Fact]
    public async Task Manifest_TokenFile_UsedAsItIs_NoHubNeeded()
    {
        var token = "ep1.abcdefgh23.abcdefghijklmnopqrstuvwxyz234567." + new string('e', 64);
        var file = Path.Combine(_dir, "token");
        await File.WriteAllTextAsync(file, token + "\n");
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var run = await HubCli.RunAsync("agent", "manifest", "--cluster", "edge-site-1", "--hub", "https://gateway.example.com:7443", "--token-file", file);

        Assert.Equal(0, run.ExitCode);
        var secret = YamlLoader.Load("m.yaml", run.Out).Documents.Select(d => (JsonObject)d.Root).Single(o => (string)o["kind"]! == "Secret");
        Assert.Equal(token, Decoded(secret["data"]!["token"]));
    }

    [Fact]
    public async Task Manifest_TokenFileOthersMayRead_Usage_PrintsNothing()
    {
        var file = Path.Combine(_dir, "loose-token");
        await File.WriteAllTextAsync(file, "ep1.abcdefgh23.abcdefghijklmnopqrstuvwxyz234567." + new string('e', 64));
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        var run = await HubCli.RunAsync("agent", "manifest", "--cluster", "edge-site-1", "--hub", "https://gateway.example.com:7443", "--token-file", file);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("chmod 600", run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Out);
    }

    private async Task<int> TokenCountAsync() =>
        (await hub.App.Services.GetRequiredService<IAuditStore>().ListAuditAsync(new AuditQuery { Action = "cluster.token.create" }, 1000, null, default)).Items.Count;

    private static string Decoded(JsonNode? node) => Encoding.UTF8.GetString(Convert.FromBase64String((string)node!));
}

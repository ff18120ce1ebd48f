using System.Net;
using System.Security.Cryptography.X509Certificates;
using Edgeplane.Cli.Commands;
using Edgeplane.Cli.HubClient;
using Edgeplane.Cli.Tests.HubCommands;

namespace Edgeplane.Cli.Tests.HubHttps;

/// <summary>
/// Issue #10 item 10: the REST listener serves HTTPS (a hub-CA certificate, or the operator's files) and the CLI trusts
/// exactly the CA it is given, or the system store; never no validation.
/// </summary>
public sealed class HubTlsTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task HubCaCertificate_ClientWithCaFile_HealthzAndAuthenticatedFleetAnswer(bool gatewayOn)
    {
        await using var hub = await TlsHub.StartAsync(o => o with { GatewayListen = gatewayOn ? "https://127.0.0.1:0" : null });
        var caFile = hub.HubCaFile!;

        using var http = new HttpClient(HubTls.FromFile(caFile).CreateHandler()) { BaseAddress = new Uri(hub.Url) };
        using var health = await http.GetAsync("/healthz");
        using var client = new HubApiClient(new Uri(hub.Url), hub.Token, HubTls.FromFile(caFile));
        var fleet = await client.GetFleetAsync(CancellationToken.None);
        var status = await HubCli.RunAsync("status", "--hub", hub.Url, "--token", hub.Token, "--ca-file", caFile);

        Assert.StartsWith("https://127.0.0.1:", hub.Url);
        Assert.Equal(Path.GetFullPath(Path.Combine(hub.Options.DataDirectory, "identity", "ca.crt")), caFile);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.NotNull(fleet);
        Assert.Equal((0, ""), (status.ExitCode, status.Error));
        Assert.Equal($"REST API certificate issued by the hub CA for localhost, 127.0.0.1, ::1 (more names: --gateway-name). " +
            $"Clients trust it with: edgeplane login --hub <https url> --ca-file {caFile}", HubCommand.HubCaNotice(hub.Options));
    }

    [Fact]
    public async Task HubCaCertificate_ClientWithoutCaFile_ClearTlsErrorExitOne()
    {
        await using var hub = await TlsHub.StartAsync();

        var run = await HubCli.RunAsync("status", "--hub", hub.Url, "--token", hub.Token);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"error: TLS handshake with the hub at {hub.Url}/ failed: its certificate 'CN=edgeplane-hub-gateway' is not trusted " +
            "by this system (PartialChain); if the hub serves a certificate from its own CA, pass --ca-file with that CA " +
            "(on the hub: <data>/identity/ca.crt)", run.Error.Trim());
        Assert.Empty(run.Out);
    }

    [Fact]
    public async Task HubCaCertificate_ClientWithAnotherCa_Refused()
    {
        await using var hub = await TlsHub.StartAsync();
        using var other = new TestCertificates(Path.Combine(hub.Root, "other-pki"), "Other CA");

        var run = await HubCli.RunAsync("status", "--hub", hub.Url, "--token", hub.Token, "--ca-file", other.CaFile);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"error: TLS handshake with the hub at {hub.Url}/ failed: its certificate 'CN=edgeplane-hub-gateway' does not " +
            "chain to the CA given with --ca-file (", run.Error);
        Assert.DoesNotContain("   at ", run.Error);
    }

    [Fact]
    public async Task HostNameNotInCertificate_Refused()
    {
        await using var hub = await TlsHub.StartAsync(o => o with { GatewayHostNames = ["hub.example.com"] });
        using var client = new HubApiClient(new Uri(hub.Url), hub.Token, HubTls.FromFile(hub.HubCaFile!));

        var error = await Assert.ThrowsAsync<HubClientException>(() => client.GetFleetAsync(CancellationToken.None));

        Assert.Contains("failed: its certificate 'CN=edgeplane-hub-gateway' is not valid for the host name dialled", error.Message);
    }

    [Fact]
    public async Task CertificateFiles_TheGivenCertificateIsServed()
    {
        var pkiRoot = Path.Combine(Path.GetTempPath(), "edgeplane-cli-tls-pki", Guid.NewGuid().ToString("N")[..12]);
        using var pki = new TestCertificates(pkiRoot, "Operator CA");
        var (certificate, certFile, keyFile) = pki.IssueServer("hub.internal");
        await using var hub = await TlsHub.StartAsync(o => o with { TlsCertificateFile = certFile, TlsKeyFile = keyFile });
        string? seen = null;
        using var handler = new SocketsHttpHandler
        {
            SslOptions = { RemoteCertificateValidationCallback = (_, c, _, _) => { seen = (c as X509Certificate2)?.Thumbprint; return true; } },
        };
        using var probe = new HttpClient(handler) { BaseAddress = new Uri(hub.Url) };

        using var health = await probe.GetAsync("/healthz");
        var status = await HubCli.RunAsync("status", "--hub", hub.Url, "--token", hub.Token, "--ca-file", pki.CaFile);

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(certificate.Thumbprint, seen);
        Assert.Equal((0, ""), (status.ExitCode, status.Error));
        Assert.Null(hub.HubCaFile);
        Assert.Null(HubCommand.HubCaNotice(hub.Options));
        Directory.Delete(pkiRoot, recursive: true);
    }

    [Fact]
    public async Task CaFile_WithPlainHttpHub_UsageError()
    {
        var run = await HubCli.RunAsync("status", "--hub", "http://127.0.0.1:1", "--token", "t", "--ca-file", "ca.crt");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("error: --ca-file is for an https:// hub; 'http://127.0.0.1:1/' is plain http", run.Error.Trim());
    }

    [Fact]
    public async Task CaFile_NotPem_UsageError()
    {
        var file = Path.Combine(Path.GetTempPath(), $"edgeplane-not-a-ca-{Guid.NewGuid():N}.crt");
        await File.WriteAllTextAsync(file, "not a certificate");
        try
        {
            var run = await HubCli.RunAsync("status", "--hub", "https://127.0.0.1:1", "--token", "t", "--ca-file", file);

            Assert.Equal(2, run.ExitCode);
            Assert.Equal($"error: --ca-file '{file}' holds no PEM certificate (-----BEGIN CERTIFICATE-----)", run.Error.Trim());
        }
        finally
        {
            File.Delete(file);
        }
    }
}

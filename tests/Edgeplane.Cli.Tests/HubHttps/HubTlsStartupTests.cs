using Edgeplane.Cli.Tests.HubCommands;

namespace Edgeplane.Cli.Tests.HubHttps;

/// <summary><c>edgeplane hub</c> refuses bad TLS flags before it touches anything: exit 2, an error naming flag and file.</summary>
public sealed class HubTlsStartupTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "edgeplane-cli-tls-start", Guid.NewGuid().ToString("N")[..12]);
    private readonly TestCertificates _pki;
    private readonly (string Cert, string Key) _good;
    private readonly string _otherKey;

    public HubTlsStartupTests()
    {
        _pki = new TestCertificates(Path.Combine(_root, "pki"), "Operator CA");
        var good = _pki.IssueServer("hub-a");
        _good = (good.CertFile, good.KeyFile);
        _otherKey = _pki.IssueServer("hub-b").KeyFile;
        File.WriteAllText(Path.Combine(_root, "pki", "garbage.key"), "not a key");
    }

    private string Data => Path.Combine(_root, "data");

    [Fact]
    public async Task KeyFileMissing_ExitsTwo()
    {
        var missing = Path.Combine(_root, "pki", "missing.key");

        var run = await RunHubAsync("https://127.0.0.1:0", _good.Cert, missing);

        AssertRefused(run, $"error: --tls-key-file '{missing}': file not found");
    }

    [Fact]
    public async Task CertFileMissing_ExitsTwo()
    {
        var missing = Path.Combine(_root, "nowhere", "hub.crt");

        var run = await RunHubAsync("https://127.0.0.1:0", missing, _good.Key);

        AssertRefused(run, $"error: --tls-cert-file '{missing}': file not found");
    }

    [Fact]
    public async Task KeyOfAnotherCertificate_ExitsTwo()
    {
        var run = await RunHubAsync("https://127.0.0.1:0", _good.Cert, _otherKey);

        Assert.StartsWith($"error: --tls-key-file '{_otherKey}' is not the private key of the certificate in --tls-cert-file '{_good.Cert}' (CN=hub-a)",
            run.Error);
        AssertRefused(run);
    }

    [Fact]
    public async Task KeyFileNotPem_ExitsTwo()
    {
        var garbage = Path.Combine(_root, "pki", "garbage.key");

        var run = await RunHubAsync("https://127.0.0.1:0", _good.Cert, garbage);

        Assert.StartsWith($"error: --tls-key-file '{garbage}' holds no unencrypted PEM private key of the certificate's algorithm (ECC)", run.Error);
        AssertRefused(run);
    }

    [Fact]
    public async Task CertFileIsAKey_ExitsTwo()
    {
        var run = await RunHubAsync("https://127.0.0.1:0", _good.Key, _good.Key);

        AssertRefused(run, $"error: --tls-cert-file '{_good.Key}' holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
    }

    [Fact]
    public async Task OnlyCertFile_ExitsTwo()
    {
        var run = await RunHubAsync("https://127.0.0.1:0", _good.Cert, null);

        AssertRefused(run, "error: --tls-cert-file needs --tls-key-file");
    }

    [Fact]
    public async Task FilesWithHttpListen_ExitsTwo()
    {
        var run = await RunHubAsync("http://127.0.0.1:0", _good.Cert, _good.Key);

        AssertRefused(run, "error: --tls-cert-file and --tls-key-file need an https:// --listen address, not 'http://127.0.0.1:0'");
    }

    public void Dispose()
    {
        _pki.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    private Task<HubCli> RunHubAsync(string listen, string? cert, string? key)
    {
        var args = new List<string> { "hub", "--repo", Path.Combine(_root, "repo"), "--data", Data, "--listen", listen, "--gateway-listen", "none" };
        if (cert is not null)
        {
            args.AddRange(["--tls-cert-file", cert]);
        }
        if (key is not null)
        {
            args.AddRange(["--tls-key-file", key]);
        }
        return HubCli.RunAsync([.. args]);
    }

    private void AssertRefused(HubCli run, string? error = null)
    {
        Assert.Equal(2, run.ExitCode);
        if (error is not null)
        {
            Assert.Equal(error, run.Error.Trim());
        }
        Assert.DoesNotContain("   at ", run.Error);
        Assert.Empty(run.Out);
        Assert.False(Directory.Exists(Data), "the hub created its data folder although it refused to start");
    }
}

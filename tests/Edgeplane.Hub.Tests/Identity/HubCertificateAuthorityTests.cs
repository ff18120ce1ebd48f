using System.Runtime.Versioning;
using System.Security.Cryptography.X509Certificates;
using Edgeplane.Hub.Identity;
using Edgeplane.Hub.Tests.Identity.Support;
using Edgeplane.Hub.Tests.Infrastructure;
using Edgeplane.Protocol.Security;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Edgeplane.Hub.Tests.Identity;

[UnsupportedOSPlatform("windows")]
public sealed class HubCertificateAuthorityTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void LoadOrCreate_FirstStart_CreatesEcdsaCaWithOwnerOnlyKey()
    {
        using var ca = Create();

        var identity = Path.Combine(_dir.Path, "identity");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(identity, "ca.key")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(identity));
        Assert.Equal("1.2.840.10045.2.1", ca.Certificate.PublicKey.Oid.Value);
        var constraints = Assert.Single(ca.Certificate.Extensions.OfType<X509BasicConstraintsExtension>());
        Assert.True(constraints.CertificateAuthority);
        Assert.Equal(ca.Certificate.Subject, ca.Certificate.Issuer);
        Assert.False(ca.Certificate.HasPrivateKey);
        Assert.Empty(Directory.GetFiles(identity, "*.tmp"));
    }

    [Fact]
    public void LoadOrCreate_Restart_LoadsTheSameCaAndPin()
    {
        string pin, thumbprint;
        using (var first = Create())
        {
            (pin, thumbprint) = (first.Pin.Hex, first.Certificate.Thumbprint);
        }

        using var second = Create();

        Assert.Equal(pin, second.Pin.Hex);
        Assert.Equal(thumbprint, second.Certificate.Thumbprint);
    }

    [Fact]
    public async Task LoadOrCreate_Restart_AgentEnrolledBeforeStillAuthenticates()
    {
        var store = new InMemoryIdentityStore();
        var agent = new TestAgent(_dir.Sub("agent"), _time);
        Agent.Identity.AgentCredentials credentials;
        await using (var hub = await TestHub.StartAsync(_dir.Sub("hub"), _time, store))
        {
            credentials = await agent.EnrollAsync(hub.Address, await hub.CreateTokenAsync("site-1"));
        }

        await using var restarted = await TestHub.StartAsync(_dir.Sub("hub"), _time, store);

        var (call, welcome) = await TestAgent.ConnectAsync(TestAgent.Client(restarted.Address, credentials, _time), "site-1");
        Assert.NotNull(welcome.Welcome);
        call.Dispose();
    }

    [Fact]
    public void LoadOrCreate_KeyReadableByGroup_RefusesToStart()
    {
        Create().Dispose();
        var key = Path.Combine(_dir.Path, "identity", "ca.key");
        File.SetUnixFileMode(key, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);

        var e = Assert.Throws<PrivateFileException>(Create);

        Assert.Equal($"the hub CA key '{key}' has mode 0640; it must be readable by its owner only. Run: chmod 600 '{key}'", e.Message);
    }

    [Fact]
    public void LoadOrCreate_CertificateWithoutKey_RefusesInsteadOfMakingANewCa()
    {
        Create().Dispose();
        File.Delete(Path.Combine(_dir.Path, "identity", "ca.key"));

        var e = Assert.Throws<InvalidOperationException>(Create);

        Assert.StartsWith($"hub CA is incomplete in '{Path.Combine(_dir.Path, "identity")}': found ca.crt but not ca.key.",
            e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dir.Path, "identity", "ca.key")));
    }

    [Fact]
    public void LoadOrCreate_KeyOfAnotherCa_Refuses()
    {
        Create().Dispose();
        using (var other = HubCertificateAuthority.LoadOrCreate(
                   new IdentityOptions { DataDirectory = _dir.Sub("other") }, _time, NullLogger.Instance))
        {
            File.Copy(Path.Combine(_dir.Sub("other"), "identity", "ca.key"), Path.Combine(_dir.Path, "identity", "ca.key"), true);
        }

        var e = Assert.Throws<InvalidOperationException>(Create);

        Assert.EndsWith("does not belong to the certificate '" + Path.Combine(_dir.Path, "identity", "ca.crt") + "'", e.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void IssueServerCertificate_HostNames_BecomeDnsAndIpSansWithServerAuthOnly()
    {
        using var ca = Create();
        var now = _time.GetUtcNow();

        using var server = ca.IssueServerCertificate(["hub.example", "10.1.2.3"], now, now.AddDays(1));

        var san = Assert.Single(server.Extensions.OfType<X509SubjectAlternativeNameExtension>());
        Assert.Equal(["hub.example"], san.EnumerateDnsNames());
        Assert.Equal(["10.1.2.3"], san.EnumerateIPAddresses().Select(a => a.ToString()));
        var eku = Assert.Single(server.Extensions.OfType<X509EnhancedKeyUsageExtension>());
        Assert.Equal(["1.3.6.1.5.5.7.3.1"], eku.EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>().Select(o => o.Value));
        Assert.True(server.HasPrivateKey);
    }

    private HubCertificateAuthority Create() =>
        HubCertificateAuthority.LoadOrCreate(new IdentityOptions { DataDirectory = _dir.Path }, _time, NullLogger.Instance);
}

using System.Runtime.Versioning;
using System.Security.Cryptography.X509Certificates;
using Edgeplane.Agent.Identity;
using Edgeplane.Protocol.Identity;
using Edgeplane.Protocol.Security;

namespace Edgeplane.Agent.Tests.Identity;

[UnsupportedOSPlatform("windows")]
public sealed class AgentIdentityFilesTests : IDisposable
{
    private readonly string _state = Directory.CreateTempSubdirectory("edgeplane-agent-").FullName;
    private readonly TestPki _pki = new();

    public void Dispose()
    {
        _pki.Dispose();
        Directory.Delete(_state, recursive: true);
    }

    [Fact]
    public void Save_ThenLoad_RoundTripsCertificateKeyAndCa()
    {
        var files = new AgentIdentityFiles(_state);
        var credentials = new AgentCredentials(_pki.Client("site-1"), _pki.Ca, ClusterId.Parse("site-1"));

        files.Save(credentials);
        var loaded = files.Load()!;

        Assert.Equal("site-1", loaded.Cluster.Value);
        Assert.Equal(credentials.Certificate.Thumbprint, loaded.Certificate.Thumbprint);
        Assert.True(loaded.Certificate.HasPrivateKey);
        Assert.Equal(_pki.Ca.Thumbprint, loaded.HubCa.Thumbprint);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(files.AgentPath));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(files.HubCaPath));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(files.Directory));
        Assert.Equal(["agent.pem", "hub-ca.pem"], Directory.GetFiles(files.Directory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Save_Twice_ReplacesKeyAndCertificateTogether()
    {
        var files = new AgentIdentityFiles(_state);
        files.Save(new AgentCredentials(_pki.Client("site-1"), _pki.Ca, ClusterId.Parse("site-1")));
        var second = new AgentCredentials(_pki.Client("site-1"), _pki.Ca, ClusterId.Parse("site-1"));

        files.Save(second);

        var loaded = files.Load()!;
        Assert.Equal(second.Certificate.Thumbprint, loaded.Certificate.Thumbprint);
        Assert.Equal(second.Certificate.GetECDsaPrivateKey()!.ExportSubjectPublicKeyInfo(),
            loaded.Certificate.GetECDsaPrivateKey()!.ExportSubjectPublicKeyInfo());
    }

    [Fact]
    public void Load_NothingSaved_ReturnsNull()
    {
        Assert.Null(new AgentIdentityFiles(_state).Load());
    }

    [Fact]
    public void Load_KeyFileReadableByOthers_Refused()
    {
        var files = new AgentIdentityFiles(_state);
        files.Save(new AgentCredentials(_pki.Client("site-1"), _pki.Ca, ClusterId.Parse("site-1")));
        File.SetUnixFileMode(files.AgentPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        var e = Assert.Throws<PrivateFileException>(files.Load);

        Assert.Equal($"the agent key file '{files.AgentPath}' has mode 0604; it must be readable by its owner only. Run: chmod 600 '{files.AgentPath}'", e.Message);
    }

    [Fact]
    public void Load_PinnedCaMissing_Refused()
    {
        var files = new AgentIdentityFiles(_state);
        files.Save(new AgentCredentials(_pki.Client("site-1"), _pki.Ca, ClusterId.Parse("site-1")));
        File.Delete(files.HubCaPath);

        var e = Assert.Throws<InvalidOperationException>(files.Load);

        Assert.Equal($"'{files.AgentPath}' exists but the pinned hub CA '{files.HubCaPath}' is missing", e.Message);
    }
}

using System.Security.Cryptography.X509Certificates;
using System.Text;
using Edgeplane.Agent.Identity;
using Edgeplane.Hub.Identity;
using Edgeplane.Hub.Tests.Identity.Support;
using Edgeplane.Hub.Tests.Infrastructure;
using Edgeplane.Protocol.Identity;
using Edgeplane.Protocol.V1;
using Google.Protobuf;
using Microsoft.Extensions.Time.Testing;

namespace Edgeplane.Hub.Tests.Identity;

public sealed class EnrollmentServiceTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly IdentityServices _identity;

    public EnrollmentServiceTests() => _identity = new IdentityServices(_dir.Path, _time);

    public void Dispose()
    {
        _identity.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task CreateToken_Default_StoresOnlyTheSecretHashAndPinsTheCa()
    {
        var created = await _identity.Tokens.CreateAsync(ClusterId.Parse("site-1"), null, CancellationToken.None);

        var stored = (await _identity.Store.FindTokenAsync(created.Token.Id, CancellationToken.None))!;
        Assert.Equal(_identity.Ca.Pin, created.Token.CaPin);
        Assert.Equal(_time.GetUtcNow().AddHours(1), stored.ExpiresAt);
        Assert.Equal(BootstrapToken.HashSecret(created.Token.Secret), stored.SecretHash);
        Assert.NotEqual(Encoding.ASCII.GetBytes(created.Token.Secret), stored.SecretHash);
        Assert.DoesNotContain(created.Token.Secret, created.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(30)]
    [InlineData((7 * 24 * 3600) + 1)]
    public async Task CreateToken_TtlOutOfBounds_Rejected(int seconds)
    {
        var e = await Assert.ThrowsAsync<IdentityException>(() =>
            _identity.Tokens.CreateAsync(ClusterId.Parse("a"), TimeSpan.FromSeconds(seconds), CancellationToken.None));

        Assert.Equal(IdentityError.TokenTtlOutOfRange, e.Error);
        Assert.Equal($"token TTL {TimeSpan.FromSeconds(seconds)} is out of range; it must be between 00:01:00 and 7.00:00:00",
            e.Message);
        Assert.Null(await _identity.Store.FindClusterAsync(ClusterId.Parse("a"), CancellationToken.None));
    }

    [Fact]
    public void Validate_OptionsOutOfBounds_ListsEveryProblem()
    {
        var options = new IdentityOptions
        {
            DataDirectory = "",
            ClientCertificateLifetime = TimeSpan.FromDays(31),
            GatewayHostNames = [],
        };

        var e = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Equal("invalid identity options: DataDirectory is empty; GatewayHostNames must list at least one non-empty " +
            "host name or IP address; ClientCertificateLifetime is 31.00:00:00; it must be between 01:00:00 and 30.00:00:00",
            e.Message);
    }

    [Fact]
    public async Task Enroll_SameTokenConcurrently_ExactlyOneWins()
    {
        var token = (await _identity.Tokens.CreateAsync(ClusterId.Parse("a"), null, CancellationToken.None)).Token;

        var attempts = Enumerable.Range(0, 8).Select(_ => Task.Run(() => _identity.Enrollment.EnrollAsync(Request(token), CancellationToken.None)));
        var results = await Task.WhenAll(attempts.Select(async t =>
        {
            try
            {
                await t;
                return "ok";
            }
            catch (IdentityException e)
            {
                return e.Error.ToString();
            }
        }));

        Assert.Single(results, r => r == "ok");
        Assert.All(results.Where(r => r != "ok"), r => Assert.Equal(nameof(IdentityError.TokenUsed), r));
    }

    [Fact]
    public async Task Enroll_UnsupportedProtocolVersion_RejectedWithoutUsingTheToken()
    {
        var token = (await _identity.Tokens.CreateAsync(ClusterId.Parse("a"), null, CancellationToken.None)).Token;
        var request = Request(token);
        request.ProtocolVersion = 0;

        var e = await Assert.ThrowsAsync<IdentityException>(() => _identity.Enrollment.EnrollAsync(request, CancellationToken.None));

        Assert.Equal(IdentityError.ProtocolVersionUnsupported, e.Error);
        Assert.Equal("agent protocol version 0 is not supported; this hub accepts 1 to 1", e.Message);
        Assert.Null((await _identity.Store.FindTokenAsync(token.Id, CancellationToken.None))!.UsedAt);
    }

    [Fact]
    public async Task Enroll_MalformedToken_RejectedWithoutEchoingIt()
    {
        var request = new EnrollRequest { TokenId = "x\n<script>", TokenSecret = "s", ProtocolVersion = 1,
            CsrDer = ByteString.CopyFrom(AgentKeys.NewKeyAndCsr(null).CsrDer) };

        var e = await Assert.ThrowsAsync<IdentityException>(() => _identity.Enrollment.EnrollAsync(request, CancellationToken.None));

        Assert.Equal(IdentityError.TokenInvalid, e.Error);
        Assert.Equal("the bootstrap token is malformed", e.Message);
    }

    [Fact]
    public async Task Enroll_Issued_SerialIsRandomPositiveAndRecorded()
    {
        var first = await EnrolAsync("a");
        var second = await EnrolAsync("b");

        Assert.NotEqual(first.SerialNumber, second.SerialNumber);
        Assert.Equal(32, first.SerialNumber.Length);
        Assert.InRange(Convert.FromHexString(first.SerialNumber)[0], 0x40, 0x7F);
        var record = (await _identity.Store.FindCertificateAsync(first.SerialNumber, CancellationToken.None))!;
        Assert.Equal("a", record.Cluster.Value);
        Assert.Equal(_time.GetUtcNow().AddMinutes(-5).ToUnixTimeSeconds(), record.NotBefore.ToUnixTimeSeconds());
    }

    [Fact]
    public async Task Open_CertificateExpires_StreamTokenCancelledWithCertificateExpired()
    {
        using var certificate = await EnrolAsync("a");
        var peer = await _identity.Validator.AuthenticateAsync(certificate, CancellationToken.None);
        using var connection = await _identity.Registry.OpenAsync(peer, CancellationToken.None);
        Assert.False(connection.Token.IsCancellationRequested);

        _time.Advance(peer.NotAfter - _time.GetUtcNow());

        Assert.True(connection.Token.IsCancellationRequested);
        Assert.Equal(GoodbyeReason.CertificateExpired, connection.EndReason);
    }

    [Fact]
    public async Task Open_RevokedBetweenAuthenticationAndRegistration_Refused()
    {
        using var certificate = await EnrolAsync("a");
        var peer = await _identity.Validator.AuthenticateAsync(certificate, CancellationToken.None);
        await _identity.Revocation.RevokeAsync(peer.Cluster, "lost device", CancellationToken.None);

        var e = await Assert.ThrowsAsync<IdentityException>(() => _identity.Registry.OpenAsync(peer, CancellationToken.None));

        Assert.Equal(IdentityError.ClusterRevoked, e.Error);
        Assert.Equal(0, _identity.Registry.Count);
    }

    [Fact]
    public async Task ValidateChain_AfterExpiry_RejectedEvenThoughTheChainWasVerifiedBefore()
    {
        using var certificate = await EnrolAsync("a");
        Assert.Null(_identity.Validator.ValidateChain(certificate));

        _time.Advance(TimeSpan.FromDays(7));

        Assert.StartsWith("certificate 'CN=a' is not valid at ", _identity.Validator.ValidateChain(certificate), StringComparison.Ordinal);
        var e = await Assert.ThrowsAsync<IdentityException>(() => _identity.Validator.AuthenticateAsync(certificate, CancellationToken.None));
        Assert.Equal(IdentityError.CertificateRejected, e.Error);
    }

    [Fact]
    public void ValidateChain_CertificateFromAnotherCa_Rejected()
    {
        using var ca = TestCertificates.NewCa("Other CA");
        using var certificate = TestCertificates.NewClient(ca, "CN=a");

        Assert.StartsWith("certificate 'CN=a' is not valid for this hub (", _identity.Validator.ValidateChain(certificate),
            StringComparison.Ordinal);
    }

    [Fact]
    public void ClusterOf_SubjectWithMoreThanOneName_Rejected()
    {
        using var ca = TestCertificates.NewCa("x");
        using var certificate = TestCertificates.NewClient(ca, "CN=a, O=a-b");

        var e = Assert.Throws<IdentityException>(() => AgentCertificateValidator.ClusterOf(certificate));

        Assert.Equal("certificate subject 'CN=a, O=a-b' must be exactly CN=<cluster id>", e.Message);
    }

    private async Task<X509Certificate2> EnrolAsync(string cluster)
    {
        var token = (await _identity.Tokens.CreateAsync(ClusterId.Parse(cluster), null, CancellationToken.None)).Token;
        var (key, csr) = AgentKeys.NewKeyAndCsr(null);
        var request = Request(token);
        request.CsrDer = ByteString.CopyFrom(csr);
        var response = await _identity.Enrollment.EnrollAsync(request, CancellationToken.None);
        return AgentKeys.Attach(response.Certificate.CertificateDer.ToByteArray(), key);
    }

    private static EnrollRequest Request(BootstrapToken token) => new()
    {
        TokenId = token.Id,
        TokenSecret = token.Secret,
        ProtocolVersion = 1,
        CsrDer = ByteString.CopyFrom(AgentKeys.NewKeyAndCsr(null).CsrDer),
    };
}

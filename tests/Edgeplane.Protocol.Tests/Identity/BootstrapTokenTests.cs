using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Edgeplane.Protocol.Identity;

namespace Edgeplane.Protocol.Tests.Identity;

public sealed class BootstrapTokenTests
{
    private static readonly CaPin Pin = CaPin.OfSubjectPublicKeyInfo([1, 2, 3]);

    [Fact]
    public void Generate_ThenParse_RoundTrips()
    {
        var token = BootstrapToken.Generate(Pin);

        var parsed = BootstrapToken.Parse(token.Format());

        Assert.Equal((token.Id, token.Secret, token.CaPin), (parsed.Id, parsed.Secret, parsed.CaPin));
        Assert.Matches("^ep1\\.[a-z2-7]{10}\\.[a-z2-7]{32}\\.[0-9a-f]{64}$", token.Format());
    }

    [Fact]
    public void Generate_ManyTokens_AllDifferent()
    {
        var secrets = Enumerable.Range(0, 1000).Select(_ => BootstrapToken.Generate(Pin).Secret).ToHashSet();

        Assert.Equal(1000, secrets.Count);
    }

    [Fact]
    public void ToString_NeverShowsTheSecret()
    {
        var token = BootstrapToken.Generate(Pin);

        Assert.Equal($"ep1.{token.Id}.<secret>", token.ToString());
    }

    [Theory]
    [InlineData("", "bootstrap token must have 4 dot-separated parts: ep1.<id>.<secret>.<ca-pin>")]
    [InlineData("ep2.abcdefghij.abcdefghijklmnopqrstuvwxyz234567.x", "bootstrap token must start with 'ep1.' (unknown format)")]
    [InlineData("ep1.ABCDEFGHIJ.abcdefghijklmnopqrstuvwxyz234567.x", "bootstrap token id must be 10 characters of a-z and 2-7")]
    [InlineData("ep1.abcdefghij.abcdefghijklmnopqrstuvwxyz23456.x", "bootstrap token secret must be 32 characters of a-z and 2-7")]
    [InlineData("ep1.abcdefghij.abcdefghijklmnopqrstuvwxyz234567.abc",
        "bootstrap token: CA pin must be 64 hex characters (sha256 of the CA's SubjectPublicKeyInfo)")]
    public void TryParse_Malformed_SaysWhichPartIsWrong(string text, string expected)
    {
        Assert.False(BootstrapToken.TryParse(text, out var token, out var error));

        Assert.Null(token);
        Assert.Equal(expected, error);
    }

    [Fact]
    public void Parse_Malformed_ThrowsFormatExceptionWithoutTheSecret()
    {
        var e = Assert.Throws<FormatException>(() => BootstrapToken.Parse("ep1.abcdefghij.SECRETSECRETSECRETSECRETSECRET12.00"));

        Assert.DoesNotContain("SECRET", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CaPin_OfCertificate_IsSha256OfSubjectPublicKeyInfo()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var certificate = new CertificateRequest("CN=ca", key, HashAlgorithmName.SHA256)
            .CreateSelfSigned(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(1));

        var pin = CaPin.Of(certificate);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo())), pin.Hex);
        Assert.Equal("sha256:" + pin.Hex, pin.ToString());
        Assert.True(pin.Matches(certificate));
        Assert.True(CaPin.TryParse(pin.ToString().ToUpperInvariant().Replace("SHA256:", "sha256:", StringComparison.Ordinal),
            out var parsed, out _));
        Assert.Equal(pin, parsed);
    }
}

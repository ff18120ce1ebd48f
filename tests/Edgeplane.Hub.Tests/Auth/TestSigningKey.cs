using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace Edgeplane.Hub.Tests.Auth;

/// <summary>An RSA signing key with a <c>kid</c>, as a provider publishes it in its JWKS.</summary>
internal sealed class TestSigningKey : IDisposable
{
    private readonly RSA _rsa;

    private TestSigningKey(RSA rsa, string kid)
    {
        _rsa = rsa;
        Kid = kid;
        Credentials = new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = kid }, SecurityAlgorithms.RsaSha256);
    }

    public string Kid { get; }

    /// <summary>RS256 with this key.</summary>
    public SigningCredentials Credentials { get; }

    /// <summary>The classic key-confusion forgery: HS256 with the public key's PEM as the HMAC secret, same <c>kid</c>.</summary>
    public SigningCredentials PublicKeyAsHmacSecret =>
        new(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(_rsa.ExportSubjectPublicKeyInfoPem())) { KeyId = Kid }, SecurityAlgorithms.HmacSha256);

    public static TestSigningKey Create() => new(RSA.Create(2048), Guid.NewGuid().ToString("N")[..16]);

    public object Jwk()
    {
        var p = _rsa.ExportParameters(false);
        return new { kty = "RSA", use = "sig", alg = "RS256", kid = Kid, n = Base64UrlEncoder.Encode(p.Modulus), e = Base64UrlEncoder.Encode(p.Exponent) };
    }

    public void Dispose() => _rsa.Dispose();
}

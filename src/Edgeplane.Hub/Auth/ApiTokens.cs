using System.Security.Cryptography;
using System.Text;
using Edgeplane.Hub.Store;

namespace Edgeplane.Hub.Auth;

/// <summary>
/// API tokens look like <c>ep_&lt;id&gt;_&lt;secret&gt;</c>: 8 hex characters of id and 32 random bytes of secret
/// (base64url). Only SHA-256 of the whole token is stored: with 256 bits of entropy a fast hash is enough
/// (no password stretching needed), and lookups stay one indexed query.
/// </summary>
internal static class ApiTokens
{
    public const string Prefix = "ep_";

    /// <summary>Makes a new token; returns the clear text (shown once) and the record to store.</summary>
    public static (string Token, ApiToken Record) Create(string name, string role, DateTime createdAt)
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var token = $"{Prefix}{id}_{secret}";
        return (token, new ApiToken(id, name, role, Hash(token), createdAt));
    }

    /// <summary>Lowercase hex SHA-256 of a token.</summary>
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}

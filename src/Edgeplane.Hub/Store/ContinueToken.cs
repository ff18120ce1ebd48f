using System.Text;

namespace Edgeplane.Hub.Store;

/// <summary>Opaque continue tokens for keyset pagination: the last key of a page, base64url-encoded.</summary>
internal static class ContinueToken
{
    /// <summary>Encodes a key.</summary>
    public static string Encode(string key) => Convert.ToBase64String(Encoding.UTF8.GetBytes(key))
        .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Decodes a token; throws <see cref="FormatException"/> for one this hub did not make.</summary>
    public static string Decode(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var base64 = token.Replace('-', '+').Replace('_', '/');
        base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(base64));
        }
        catch (FormatException)
        {
            throw new FormatException($"invalid continue token '{token}'");
        }
    }

    /// <summary>Decodes a token that carries a numeric id.</summary>
    public static long DecodeId(string token) =>
        long.TryParse(Decode(token), System.Globalization.CultureInfo.InvariantCulture, out var id)
            ? id : throw new FormatException($"invalid continue token '{token}'");
}

using Microsoft.IdentityModel.Tokens;

namespace Edgeplane.Hub.Auth;

/// <summary>
/// What a 401 says about a refused JWT: one plain sentence per failure kind, without the library's IDX codes or token
/// contents (the caller sees why, not the hub's internals).
/// </summary>
internal static class OidcFailureText
{
    public static string Describe(Exception? failure, OidcOptions oidc) => failure switch
    {
        null => "this endpoint needs a token: send 'Authorization: Bearer <token>'",
        OidcTokenException or OidcKeysUnavailableException => failure.Message,
        AggregateException { InnerExceptions: [var single] } => Describe(single, oidc),
        SecurityTokenInvalidAudienceException => $"the token's audience (aud) is not '{oidc.Audience}'",
        SecurityTokenInvalidIssuerException => $"the token's issuer (iss) is not '{oidc.Issuer}'",
        SecurityTokenNoExpirationException => "the token has no expiry (exp)",
        SecurityTokenExpiredException => "the token has expired",
        SecurityTokenNotYetValidException => "the token is not valid yet (nbf)",
        SecurityTokenInvalidLifetimeException => "the token's lifetime (nbf, exp) is invalid",
        SecurityTokenInvalidAlgorithmException => $"the token's signature algorithm is not one of {string.Join(", ", OidcAuthentication.Algorithms)}",
        SecurityTokenSignatureKeyNotFoundException => "the token's signing key (kid) is not one the issuer publishes",
        SecurityTokenInvalidSignatureException => "the token is not signed, or its signature is invalid",
        SecurityTokenMalformedException or ArgumentException => "the bearer token is neither an API token (ep_…) nor a well-formed JWT",
        _ => "the token is invalid",
    };
}

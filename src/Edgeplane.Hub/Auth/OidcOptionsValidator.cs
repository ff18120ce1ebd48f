namespace Edgeplane.Hub.Auth;

/// <summary>Refuses OIDC options the hub cannot use safely, naming the option (<c>--oidc-…</c>) and why.</summary>
internal static class OidcOptionsValidator
{
    /// <summary>Most clock skew allowed (5 min).</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>Most scopes the dashboard may ask for, and the longest one.</summary>
    public const int MaxScopes = 20;

    public const int MaxScopeLength = 128;

    public static void Validate(OidcOptions oidc)
    {
        ArgumentNullException.ThrowIfNull(oidc);
        if (!Uri.TryCreate(oidc.Issuer, UriKind.Absolute, out var issuer) || issuer.Scheme is not ("https" or "http")
            || !string.IsNullOrEmpty(issuer.Query) || !string.IsNullOrEmpty(issuer.Fragment))
        {
            throw new ArgumentException($"the OIDC issuer (--oidc-issuer) '{oidc.Issuer}' must be an absolute https:// URL without query or fragment");
        }
        if (issuer.Scheme == "http" && !OidcAuthentication.IsLoopback(oidc.Issuer))
        {
            throw new ArgumentException($"the OIDC issuer (--oidc-issuer) '{oidc.Issuer}' must be https (plain http only on a loopback address, for tests)");
        }
        Require(oidc.Audience, "audience (--oidc-audience)", "it is required with --oidc-issuer: the client id tokens are issued to, e.g. edgeplane");
        Require(oidc.UsernameClaim, "username claim (--oidc-username-claim)", "e.g. email");
        Require(oidc.GroupsClaim, "groups claim (--oidc-groups-claim)", "e.g. groups");
        if (oidc.AdminGroups.Concat(oidc.ViewerGroups).Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("an OIDC admin or viewer group (--oidc-admin-group, --oidc-viewer-group) is empty");
        }
        ValidateScopes(oidc.Scopes);
        if (oidc.ClockSkew < TimeSpan.Zero || oidc.ClockSkew > MaxClockSkew)
        {
            throw new ArgumentException($"the OIDC clock skew (--oidc-clock-skew) is {oidc.ClockSkew}; it must be between 0 and {MaxClockSkew}");
        }
        if (oidc.KeysMinimumRefreshInterval < TimeSpan.FromSeconds(1) || oidc.KeysRefreshInterval < oidc.KeysMinimumRefreshInterval)
        {
            throw new ArgumentException(
                "the OIDC key refresh intervals must be at least 1 s, and the regular one at least the minimum one " +
                $"(got {oidc.KeysRefreshInterval} and {oidc.KeysMinimumRefreshInterval})");
        }
    }

    private static void ValidateScopes(IReadOnlyList<string> scopes)
    {
        if (scopes.Count > MaxScopes)
        {
            throw new ArgumentException($"the OIDC scopes (--oidc-scope) are {scopes.Count}; at most {MaxScopes} are allowed");
        }
        // RFC 6749 §3.3: a scope token is 1*( %x21 / %x23-5B / %x5D-7E ): printable ASCII without space, " or \
        if (scopes.FirstOrDefault(s => s.Length is 0 or > MaxScopeLength || s.Any(c => c is < '!' or > '~' or '"' or '\\')) is { } bad)
        {
            throw new ArgumentException(
                $"the OIDC scope (--oidc-scope) '{bad}' is not a scope: 1 to {MaxScopeLength} printable ASCII characters without spaces, quotes or backslashes");
        }
        if (!scopes.Contains("openid", StringComparer.Ordinal))
        {
            throw new ArgumentException($"the OIDC scopes (--oidc-scope) '{string.Join(' ', scopes)}' must include openid, or the issuer gives no ID token");
        }
    }

    private static void Require(string value, string what, string hint)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"the OIDC {what} is empty; {hint}");
        }
    }
}

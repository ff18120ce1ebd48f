namespace Edgeplane.Hub.Sources;

/// <summary>
/// The fleet repo as the hub reaches it: a URL (or local path) that holds no secret, and the credentials taken out of
/// the URL or given beside it. Everything the hub shows (logs, API, audit, errors) uses <see cref="Url"/>, and the Git
/// mirror's config stores it, so a password written into <c>--repo</c> is used but never shown or stored.
/// </summary>
/// <param name="Url">The repo without user information (for ssh the user name stays: it addresses the account).</param>
/// <param name="Credentials">What authenticates the hub, or null.</param>
internal sealed record GitRemote(string Url, RepoCredentials? Credentials)
{
    /// <summary>Splits <paramref name="repo"/>; credentials given explicitly win over those in the URL.</summary>
    /// <exception cref="ArgumentException">An ssh URL carries a password (ssh runs non-interactively; use a key).</exception>
    public static GitRemote Parse(string repo, RepoCredentials? given)
    {
        var scheme = repo.IndexOf("://", StringComparison.Ordinal);
        var authorityEnd = scheme < 0 ? -1 : IndexOfAny(repo, scheme + 3, '/', '?', '#');
        var at = scheme < 0 ? -1 : repo.LastIndexOf('@', authorityEnd - 1, authorityEnd - scheme - 3);
        if (at < 0)
        {
            return HasUnencodedUserInformation(repo, scheme)
                ? throw new ArgumentException("the repo URL seems to hold a user name and password with an unencoded '/', '?' or '#' " +
                    "(it is not shown here): percent-encode them (%2F, %3F, %23) or, better, use --repo-credentials-file")
                : new GitRemote(repo, given);
        }
        var userInfo = repo[(scheme + 3)..at];
        var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
        var user = Uri.UnescapeDataString(colon < 0 ? userInfo : userInfo[..colon]);
        var password = colon < 0 ? null : Uri.UnescapeDataString(userInfo[(colon + 1)..]);
        if (IsSsh(repo))
        {
            return password is null ? new GitRemote(repo, given)
                : throw new ArgumentException("an ssh repo URL cannot carry a password (ssh runs without a prompt); " +
                    "give an SSH key instead: sshKey=PATH in --repo-credentials-file");
        }
        var url = repo[..(scheme + 3)] + repo[(at + 1)..];
        var credentials = given is null ? new RepoCredentials { Username = user, Password = password }
            : given with { Username = given.Username ?? user, Password = given.Password ?? password };
        return new GitRemote(url, credentials);
    }

    /// <summary>
    /// True for <c>scheme://user:pa/ss@host/…</c>: an '@' after the authority whose text before it has a ':' not followed
    /// by a port number. (<c>https://host:8443/a@b</c>, a port and an '@' in the path, is fine.)
    /// </summary>
    private static bool HasUnencodedUserInformation(string repo, int scheme)
    {
        if (scheme < 0)
        {
            return false;
        }
        var rest = repo[(scheme + 3)..];
        var at = rest.LastIndexOf('@');
        var colon = at < 0 ? -1 : rest.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || colon > at)
        {
            return false;
        }
        var port = rest[(colon + 1)..IndexOfAny(rest, colon + 1, '/', '?', '#')];
        return port.Length == 0 || !port.All(char.IsAsciiDigit);
    }

    /// <summary>True for <c>ssh://</c>, <c>git+ssh://</c>, <c>ssh+git://</c> and the scp form <c>user@host:path</c>.</summary>
    public static bool IsSsh(string repo)
    {
        var scheme = repo.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            return repo[..scheme].ToLowerInvariant() is "ssh" or "git+ssh" or "ssh+git";
        }
        var colon = repo.IndexOf(':', StringComparison.Ordinal);
        var slash = repo.IndexOf('/', StringComparison.Ordinal);
        return colon > 0 && (slash < 0 || colon < slash) && !Path.IsPathRooted(repo);
    }

    private static int IndexOfAny(string text, int start, params char[] chars)
    {
        var index = text.IndexOfAny(chars, start);
        return index < 0 ? text.Length : index;
    }
}

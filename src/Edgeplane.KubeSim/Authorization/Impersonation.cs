using System.Text.RegularExpressions;
using Edgeplane.KubeSim.Api;
using Microsoft.AspNetCore.Http;

namespace Edgeplane.KubeSim.Authorization;

/// <summary>
/// The impersonation headers kube-apiserver honours (<c>Impersonate-User</c>, repeated <c>Impersonate-Group</c>,
/// <c>Impersonate-Uid</c>, <c>Impersonate-Extra-*</c>), read the way its impersonation filter reads them. Every caller
/// of KubeSim may impersonate (they all act as the cluster's administrator); the request then runs as the impersonated
/// user and <see cref="RbacAuthorizer"/> decides. Uid and extras are accepted and play no part in RBAC.
/// </summary>
internal static partial class Impersonation
{
    public const string UserHeader = "Impersonate-User";
    public const string GroupHeader = "Impersonate-Group";
    public const string UidHeader = "Impersonate-Uid";
    public const string ExtraHeaderPrefix = "Impersonate-Extra-";

    /// <summary>Most <c>Impersonate-Group</c> values one request may carry.</summary>
    public const int MaxGroups = 100;

    /// <summary>
    /// The impersonated user, or null when the request impersonates nobody. As upstream, an empty
    /// <c>Impersonate-User</c> is no impersonation, and groups, a uid or extras without a user are a 400.
    /// </summary>
    public static RequestUser? FromHeaders(IHeaderDictionary headers)
    {
        var user = headers[UserHeader].FirstOrDefault(v => !string.IsNullOrEmpty(v));
        var groups = headers[GroupHeader].OfType<string>().ToList();
        var others = headers.Keys.Where(k => k.Equals(UidHeader, StringComparison.OrdinalIgnoreCase)
            || k.StartsWith(ExtraHeaderPrefix, StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal).ToList();
        if (user is null)
        {
            if (groups.Count > 0 || others.Count > 0)
            {
                var requested = groups.Select(g => $"{GroupHeader}: {g}").Concat(others);
                throw ApiException.BadRequest($"requested [{string.Join(", ", requested)}] without impersonating a user");
            }
            return null;
        }
        if (groups.Count > MaxGroups)
        {
            throw ApiException.BadRequest($"at most {MaxGroups} {GroupHeader} headers are accepted, {groups.Count} were sent");
        }
        return Complete(user, groups);
    }

    /// <summary>
    /// The groups kube-apiserver gives an impersonated user: a service account's own groups when none were asked for,
    /// and <c>system:authenticated</c> (or <c>system:unauthenticated</c> for <c>system:anonymous</c>) unless already there.
    /// </summary>
    public static RequestUser Complete(string user, IReadOnlyList<string> requestedGroups)
    {
        var groups = requestedGroups.ToList();
        if (groups.Count == 0 && SplitServiceAccount(user) is { } account)
        {
            groups.Add(RequestUser.ServiceAccountsGroup);
            groups.Add($"{RequestUser.ServiceAccountsGroup}:{account.Namespace}");
        }
        if (user != RequestUser.Anonymous)
        {
            if (!groups.Contains(RequestUser.Authenticated) && !groups.Contains(RequestUser.Unauthenticated))
            {
                groups.Add(RequestUser.Authenticated);
            }
        }
        else if (!groups.Contains(RequestUser.Unauthenticated))
        {
            groups.Add(RequestUser.Unauthenticated);
        }
        return new RequestUser(user, groups);
    }

    /// <summary><c>system:serviceaccount:NS:NAME</c> with a valid namespace and account name, as upstream's SplitUsername.</summary>
    public static (string Namespace, string Name)? SplitServiceAccount(string user)
    {
        if (!user.StartsWith(RequestUser.ServiceAccountPrefix, StringComparison.Ordinal))
        {
            return null;
        }
        var parts = user[RequestUser.ServiceAccountPrefix.Length..].Split(':');
        return parts.Length == 2 && parts[0].Length <= 63 && Label().IsMatch(parts[0]) && parts[1].Length <= 253 && Subdomain().IsMatch(parts[1])
            ? (parts[0], parts[1])
            : null;
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Label();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Subdomain();
}

namespace Edgeplane.KubeSim.Authorization;

/// <summary>
/// Who a request acts as, kube-apiserver's <c>user.Info</c>: a name and its groups. KubeSim only knows impersonated
/// users (<see cref="Impersonation"/>); a request without impersonation acts as the cluster's administrator.
/// </summary>
internal sealed record RequestUser(string Name, IReadOnlyList<string> Groups)
{
    public const string ServiceAccountPrefix = "system:serviceaccount:";
    public const string ServiceAccountsGroup = "system:serviceaccounts";
    public const string Authenticated = "system:authenticated";
    public const string Unauthenticated = "system:unauthenticated";
    public const string Anonymous = "system:anonymous";

    /// <summary>The group kube-apiserver lets past every authoriser (its <c>system:masters</c> bootstrap binding).</summary>
    public const string Masters = "system:masters";

    public bool IsPrivileged => Groups.Contains(Masters, StringComparer.Ordinal);

    /// <summary>The identity Flux's controllers take for <c>spec.serviceAccountName</c>: the account's user name and groups.</summary>
    public static RequestUser ServiceAccount(string ns, string name) => Impersonation.Complete(ServiceAccountPrefix + ns + ":" + name, []);

    /// <summary>The user name and groups as kube-apiserver prints them in escalation errors: <c>"name" (groups=["a" "b"])</c>.</summary>
    public string Describe() => $"{GoQuote.String(Name)} (groups={GoQuote.List(Groups)})";
}

namespace Edgeplane.KubeSim.Authorization;

/// <summary>
/// How much RBAC one authorisation reads. Past a limit the request is refused (an authoriser that stops early must not
/// allow), and the refusal says which limit it hit.
/// </summary>
internal static class RbacLimits
{
    /// <summary>ClusterRoleBindings plus RoleBindings of the request's namespace looked at for one decision.</summary>
    public const int MaxBindings = 10_000;

    /// <summary>Rules of one role (after aggregation).</summary>
    public const int MaxRulesPerRole = 5_000;

    /// <summary>ClusterRoles one aggregated ClusterRole may gather.</summary>
    public const int MaxAggregatedRoles = 500;

    /// <summary>Nesting of aggregated ClusterRoles (an aggregated role selecting another).</summary>
    public const int MaxAggregationDepth = 4;

    /// <summary>Rules one escalation check breaks a new role into (one per verb, group, resource and name).</summary>
    public const int MaxEscalationRules = 20_000;
}

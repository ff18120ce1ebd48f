namespace Edgeplane.Hub.Store;

/// <summary>
/// A cluster's lifecycle phases (docs/backends.md, "Lifecycle"). A provisioned cluster goes Declared → Provisioning →
/// Provisioned → Joined → Ready, a cluster that exists already Declared → Joined → Ready; Failed and Deleting can come at
/// any time; a cluster taken out of Git ends Removed (or, when its Cluster API objects are deleted, Deleting → Deleted).
/// </summary>
internal static class LifecyclePhases
{
    public const string Declared = "Declared";
    public const string Provisioning = "Provisioning";
    public const string Provisioned = "Provisioned";
    public const string Joined = "Joined";
    public const string Ready = "Ready";
    public const string Failed = "Failed";
    public const string Deleting = "Deleting";
    public const string Deleted = "Deleted";
    public const string Removed = "Removed";

    /// <summary>Every phase, in the order a cluster's life goes through them.</summary>
    public static readonly IReadOnlyList<string> All = [Declared, Provisioning, Provisioned, Joined, Ready, Failed, Deleting, Deleted, Removed];

    /// <summary>
    /// The rank of the phases a cluster only moves forward through (Declared 0 … Ready 4), or null for the others (Failed,
    /// Deleting, Deleted, Removed), which are left for whatever the facts say next.
    /// </summary>
    public static int? Rank(string? phase) => phase switch
    {
        Declared => 0,
        Provisioning => 1,
        Provisioned => 2,
        Joined => 3,
        Ready => 4,
        _ => null,
    };
}

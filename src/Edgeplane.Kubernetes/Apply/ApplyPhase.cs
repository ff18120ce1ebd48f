namespace Edgeplane.Kubernetes.Apply;

/// <summary>Where in an apply a failure happened.</summary>
public enum ApplyPhase
{
    /// <summary>The request itself is unusable (bad names, malformed or duplicate objects, ownership labels, limits).</summary>
    Validate,

    /// <summary>A kind could not be mapped to a served resource.</summary>
    Discover,

    /// <summary>The server-side dry run rejected an object (invalid, conflict, forbidden…); nothing of its stage was written.</summary>
    DryRun,

    /// <summary>The real server-side apply failed.</summary>
    Apply,

    /// <summary>A CustomResourceDefinition did not become Established in time.</summary>
    Establish,

    /// <summary>Reading or writing the inventory failed.</summary>
    Inventory,

    /// <summary>Deleting an object the bundle no longer has failed.</summary>
    Prune,
}

namespace Edgeplane.KubeSim.Controllers;

/// <summary>Kinds of controller work.</summary>
internal enum WorkKind
{
    /// <summary>Reconcile one object with its kind controller.</summary>
    Reconcile,

    /// <summary>Delete the dependents of a deleted owner (Name holds the owner uid).</summary>
    CollectGarbage,

    /// <summary>Empty a terminating namespace and remove it when empty.</summary>
    FinalizeNamespace,

    /// <summary>Reconcile the objects that depend on a changed object of another kind (<see cref="IRelatedObjects"/>).</summary>
    Related,
}

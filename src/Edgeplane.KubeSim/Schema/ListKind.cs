namespace Edgeplane.KubeSim.Schema;

/// <summary>How a list field merges and is owned (x-kubernetes-list-type).</summary>
internal enum ListKind
{
    /// <summary>The whole list is one value: replaced on merge, owned as one leaf.</summary>
    Atomic,

    /// <summary>A list of unique scalars: merged by value.</summary>
    Set,

    /// <summary>A list of objects identified by key fields: merged item by item.</summary>
    Map,
}

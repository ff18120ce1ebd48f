namespace Edgeplane.Agent.Reconcile;

/// <summary>
/// A reconcile step failed. <see cref="Reason"/> is the PascalCase condition reason (see <c>AgentReasons</c>);
/// <see cref="Stalled"/> is true when retrying cannot help (the agent waits for a new target instead).
/// </summary>
public sealed class ReconcileFailure : Exception
{
    public ReconcileFailure(string reason, string message, bool stalled = false, Exception? innerException = null)
        : base(message, innerException)
    {
        Reason = reason;
        Stalled = stalled;
    }

    public ReconcileFailure()
        : this("Unknown", "reconcile failed")
    {
    }

    public ReconcileFailure(string message)
        : this("Unknown", message)
    {
    }

    public ReconcileFailure(string message, Exception innerException)
        : this("Unknown", message, false, innerException)
    {
    }

    /// <summary>The condition reason.</summary>
    public string Reason { get; }

    /// <summary>True when only outside help (a new target, an operator) can fix it.</summary>
    public bool Stalled { get; }
}

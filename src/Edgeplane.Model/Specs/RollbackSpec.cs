namespace Edgeplane.Model.Specs;

/// <summary>Automatic rollback: when a wave fails its health gates (or more than <paramref name="MaxFailures"/> clusters fail), go back to the last good bundle.</summary>
public sealed record RollbackSpec(bool Automatic, int MaxFailures)
{
    /// <summary>Rollback on, at the first failure.</summary>
    public static RollbackSpec Default { get; } = new(true, 0);
}

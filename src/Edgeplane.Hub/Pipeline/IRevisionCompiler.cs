namespace Edgeplane.Hub.Pipeline;

/// <summary>
/// Turns one checked-out revision of the fleet repo into a bundle per declared cluster, or into every
/// load/validation/render error. Deterministic: the same directory, revision and stored state give the same result.
/// </summary>
internal interface IRevisionCompiler
{
    /// <summary>Compiles <paramref name="checkoutDirectory"/>, stamping bundles with <paramref name="revision"/>.</summary>
    Task<CompileResult> CompileAsync(string checkoutDirectory, string revision, CancellationToken cancellationToken);
}

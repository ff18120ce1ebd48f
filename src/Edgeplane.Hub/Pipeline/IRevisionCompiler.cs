namespace Edgeplane.Hub.Pipeline;

/// <summary>
/// Turns one checked-out revision of the fleet repo into a bundle per declared cluster, or into every
/// load/validation/render error. Pure: same directory and revision, same result.
/// </summary>
internal interface IRevisionCompiler
{
    /// <summary>Compiles <paramref name="checkoutDirectory"/>, stamping bundles with <paramref name="revision"/>.</summary>
    Task<CompileResult> CompileAsync(string checkoutDirectory, string revision, CancellationToken cancellationToken);
}

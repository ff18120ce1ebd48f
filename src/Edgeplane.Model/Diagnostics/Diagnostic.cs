namespace Edgeplane.Model.Diagnostics;

/// <summary>One problem found in the fleet repo, with where it is. Renders as <c>path:line:col: message</c>.</summary>
/// <param name="Location">Where the problem is.</param>
/// <param name="Message">What is wrong, in words a platform engineer understands.</param>
/// <param name="Code">A stable machine-readable code, e.g. <c>UnknownField</c>.</param>
public sealed record Diagnostic(SourceLocation Location, string Message, string Code)
{
    /// <inheritdoc />
    public override string ToString() => $"{Location}: {Message}";
}

namespace Edgeplane.Model.Diagnostics;

/// <summary>
/// A place in the fleet repo: a repo-relative file path (forward slashes) and a 1-based line and column.
/// Line and column are 0 when only the file is known.
/// </summary>
public readonly record struct SourceLocation(string File, int Line, int Column)
{
    /// <summary>A location that names only a file.</summary>
    public static SourceLocation FileOnly(string file) => new(file, 0, 0);

    /// <summary>Formats as <c>path:line:col</c>, or just <c>path</c> when no position is known.</summary>
    public override string ToString() => Line > 0 ? $"{File}:{Line}:{Column}" : File;
}

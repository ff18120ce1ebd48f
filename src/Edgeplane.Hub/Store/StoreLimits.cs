namespace Edgeplane.Hub.Store;

/// <summary>Bounds on what the store keeps per row; longer text is cut with a marker, never rejected.</summary>
internal static class StoreLimits
{
    /// <summary>Longest commit message kept (characters).</summary>
    public const int MaxCommitMessage = 4096;

    /// <summary>Longest reason / details text kept (characters).</summary>
    public const int MaxReason = 8192;

    /// <summary>Longest error message kept (characters).</summary>
    public const int MaxErrorMessage = 2048;

    /// <summary>Most errors kept per failed revision; a final entry says how many more there were.</summary>
    public const int MaxErrorsPerRevision = 1000;

    /// <summary>Cuts <paramref name="text"/> to <paramref name="max"/> characters.</summary>
    public static string Cut(string text, int max) =>
        text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 14), " …(truncated)");
}

namespace Edgeplane.Hub.Store;

/// <summary>Bounds on what an API token carries; longer values are refused with a 400, never cut.</summary>
internal static class TokenLimits
{
    /// <summary>Longest subject (<c>user:ana@example.com</c>), in characters.</summary>
    public const int MaxSubjectLength = 128;

    /// <summary>Longest description, in characters.</summary>
    public const int MaxDescriptionLength = 256;

    /// <summary>Shortest lifetime a token may be given.</summary>
    public static readonly TimeSpan MinTtl = TimeSpan.FromMinutes(1);
}

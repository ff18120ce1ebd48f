namespace Edgeplane.Hub.Api;

/// <summary>Checks <c>?limit=</c>: 1..MaxPageSize, default DefaultPageSize.</summary>
internal static class Paging
{
    public static bool TryLimit(int? limit, HubLimits limits, out int value, out string error)
    {
        value = limit ?? limits.DefaultPageSize;
        error = "";
        if (value < 1 || value > limits.MaxPageSize)
        {
            error = $"limit must be between 1 and {limits.MaxPageSize}, got {value}";
            return false;
        }
        return true;
    }
}

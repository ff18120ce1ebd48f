using Edgeplane.Hub.Api.Contracts;
using Edgeplane.Hub.Store;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Edgeplane.Hub.Api;

/// <summary>Checks <c>?limit=</c>: 1..MaxPageSize, default DefaultPageSize; serves one page of a keyset-paged list.</summary>
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

    /// <summary>Decodes a name-keyed <c>?continue=</c> token (null: the first page); false with the reason when it is not one.</summary>
    public static bool TryAfter(string? continueToken, out string? after, out string error)
    {
        error = "";
        try
        {
            after = continueToken is null ? null : ContinueToken.Decode(continueToken);
            return true;
        }
        catch (FormatException e)
        {
            after = null;
            error = e.Message;
            return false;
        }
    }

    /// <summary>A bad limit or continue token is a 400 problem; otherwise one page, mapped to its contract.</summary>
    public static async Task<Results<Ok<PageResponse<TResponse>>, ProblemHttpResult>> ListAsync<TItem, TResponse>(
        int? limit, string? continueToken, HubLimits limits,
        Func<int, string?, Task<Page<TItem>>> list, Func<TItem, TResponse> map)
    {
        if (!TryLimit(limit, limits, out var size, out var error))
        {
            return ApiProblems.BadRequest(error);
        }
        try
        {
            var page = await list(size, continueToken).ConfigureAwait(false);
            return TypedResults.Ok(new PageResponse<TResponse>(page.Items.Select(map).ToList(), page.Continue));
        }
        catch (FormatException e)
        {
            return ApiProblems.BadRequest(e.Message);
        }
    }
}

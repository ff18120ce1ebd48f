using System.Globalization;
using Edgeplane.Hub.Api.Contracts;

namespace Edgeplane.Cli.HubClient;

internal sealed partial class HubApiClient
{
    /// <summary>Largest page asked of the hub.</summary>
    private const int AuditPageSize = 1000;

    /// <summary>
    /// The newest <paramref name="limit"/> audit entries matching <paramref name="filters"/> (name → value, sent as
    /// query parameters), following continue tokens as needed.
    /// </summary>
    public async Task<List<AuditEntryResponse>> ListAuditAsync(IReadOnlyList<(string Name, string Value)> filters, int limit,
        CancellationToken cancellationToken)
    {
        var query = string.Concat(filters.Select(f => $"&{f.Name}={Uri.EscapeDataString(f.Value)}"));
        var items = new List<AuditEntryResponse>();
        string? next = null;
        while (items.Count < limit)
        {
            var size = Math.Min(AuditPageSize, limit - items.Count).ToString(CultureInfo.InvariantCulture);
            var page = await SendAsync<PageResponse<AuditEntryResponse>>(HttpMethod.Get,
                $"api/v1/audit?limit={size}{query}{(next is null ? "" : "&continue=" + Uri.EscapeDataString(next))}", cancellationToken).ConfigureAwait(false);
            items.AddRange(page.Items);
            if ((next = page.Continue) is null)
            {
                break;
            }
        }
        return items;
    }
}

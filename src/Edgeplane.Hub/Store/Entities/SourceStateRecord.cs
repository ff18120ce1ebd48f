namespace Edgeplane.Hub.Store.Entities;

/// <summary>The one row that remembers the last fetched head of the fleet repo.</summary>
internal sealed class SourceStateRecord
{
    public int Id { get; set; } = 1;

    public string? Head { get; set; }

    public DateTime? LastFetchAt { get; set; }

    public string? LastFetchError { get; set; }
}

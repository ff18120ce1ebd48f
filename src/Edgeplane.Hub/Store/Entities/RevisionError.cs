namespace Edgeplane.Hub.Store.Entities;

/// <summary>One load, validation or render error of a failed revision.</summary>
internal sealed class RevisionError
{
    public long Id { get; set; }

    public long RevisionId { get; set; }

    public required string File { get; set; }

    public int Line { get; set; }

    public int Column { get; set; }

    public required string Code { get; set; }

    public required string Message { get; set; }
}

namespace Edgeplane.KubeSim.Apply;

/// <summary>One <c>metadata.managedFields</c> entry: which manager owns which fields, through which operation.</summary>
internal sealed class ManagedFieldsEntry(string manager, string operation, string apiVersion, string time, string? subresource, FieldSet fields)
{
    public string Manager { get; } = manager;

    /// <summary><c>Apply</c> or <c>Update</c>.</summary>
    public string Operation { get; } = operation;

    public string ApiVersion { get; set; } = apiVersion;

    public string Time { get; set; } = time;

    public string? Subresource { get; } = subresource;

    public FieldSet Fields { get; set; } = fields;

    public bool Is(string manager, string operation, string? subresource) =>
        Manager == manager && Operation == operation && Subresource == subresource;
}

namespace Edgeplane.KubeSim.Clusters;

/// <summary>Query options of a write: dryRun=All, fieldManager, fieldValidation, force (apply only).</summary>
internal sealed record WriteOptions(bool DryRun, string Manager, FieldValidationMode Validation, bool Force)
{
    public static WriteOptions Controller(string manager) => new(false, manager, FieldValidationMode.Ignore, false);
}

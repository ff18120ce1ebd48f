namespace Edgeplane.KubeSim.Clusters;

/// <summary>The fieldValidation query parameter: what happens to fields the schema does not declare.</summary>
internal enum FieldValidationMode
{
    Ignore,
    Warn,
    Strict,
}

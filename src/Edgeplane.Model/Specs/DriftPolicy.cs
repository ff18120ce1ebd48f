namespace Edgeplane.Model.Specs;

/// <summary>What an agent does when a cluster's objects drift from the bundle.</summary>
public enum DriftPolicy
{
    /// <summary>Put the objects back as the bundle says.</summary>
    Correct,
    /// <summary>Only report the drift.</summary>
    Report,
}

namespace Edgeplane.Rendering.Templates;

/// <summary>What <see cref="BundleWriter.WriteObject"/> wrote.</summary>
/// <param name="Start">Where the object starts in the bundle.</param>
/// <param name="Length">Its length in bytes (0 when cut off).</param>
/// <param name="DataBytes">Bytes of data when it is a ConfigMap or Secret, as Kubernetes counts them.</param>
/// <param name="TooLarge">It passed the object limit and was cut off.</param>
/// <param name="Reported">It was cut off by a substitution, which was already reported.</param>
internal readonly record struct WrittenObject(int Start, int Length, long DataBytes, bool TooLarge, bool Reported);

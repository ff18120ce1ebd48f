namespace Edgeplane.KubeSim.Clusters;

/// <summary>The answer to a write: HTTP status, the JSON body and any warnings (Warning headers).</summary>
internal sealed record WriteResult(int StatusCode, byte[] Body, IReadOnlyList<string> Warnings);

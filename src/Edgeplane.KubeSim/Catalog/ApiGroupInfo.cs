namespace Edgeplane.KubeSim.Catalog;

/// <summary>A named API group and its served versions, preferred version first.</summary>
internal sealed record ApiGroupInfo(string Name, IReadOnlyList<string> Versions);

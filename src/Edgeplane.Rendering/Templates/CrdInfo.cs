namespace Edgeplane.Rendering.Templates;

/// <summary>The kind a CustomResourceDefinition defines, and whether its objects are cluster-scoped.</summary>
internal readonly record struct CrdInfo(string Group, string Kind, bool ClusterScoped);

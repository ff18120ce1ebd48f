namespace Edgeplane.Kubernetes;

internal static class AssemblyMarker
{
}

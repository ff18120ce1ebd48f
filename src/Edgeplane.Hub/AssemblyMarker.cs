namespace Edgeplane.Hub;

internal static class AssemblyMarker
{
}

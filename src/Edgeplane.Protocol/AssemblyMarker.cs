namespace Edgeplane.Protocol;

internal static class AssemblyMarker
{
}

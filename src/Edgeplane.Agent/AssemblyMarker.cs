namespace Edgeplane.Agent;

internal static class AssemblyMarker
{
}

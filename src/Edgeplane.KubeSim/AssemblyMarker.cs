namespace Edgeplane.KubeSim;

internal static class AssemblyMarker
{
}

namespace Edgeplane.Rendering;

internal static class AssemblyMarker
{
}

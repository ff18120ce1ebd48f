namespace Edgeplane.Model;

internal static class AssemblyMarker
{
}

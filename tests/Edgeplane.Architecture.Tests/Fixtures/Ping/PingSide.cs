using Edgeplane.Architecture.Tests.Fixtures.Pong;

namespace Edgeplane.Architecture.Tests.Fixtures.Ping;

/// <summary>Half of a namespace cycle for <see cref="NamespaceGraph"/>'s own test: it uses Pong only inside a method body.</summary>
internal static class PingSide
{
    public static int Serve() => PongSide.Return(1);
}

namespace Edgeplane.Architecture.Tests.Fixtures.Pong;

/// <summary>The other half: it uses Ping only inside a lambda (a compiler-generated closure).</summary>
internal static class PongSide
{
    public static int Return(int ball) => new Func<int>(() => ball + Ping.PingSide.Serve().GetHashCode()).Method.Name.Length;
}

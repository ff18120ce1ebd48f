using System.Runtime.CompilerServices;

namespace Edgeplane.Rendering.Tests.Kustomize;

/// <summary>Where the kustomize fixtures live in the source tree (golden files are rewritten there).</summary>
internal static class TestData
{
    public static string KustomizeRoot { get; } = Locate();

    public static bool UpdateGolden => Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1";

    private static string Locate([CallerFilePath] string source = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(source)!, "..", "testdata", "kustomize"));
}

using System.Text.RegularExpressions;

namespace Edgeplane.Architecture.Tests;

/// <summary>
/// A test whose dependency is switched off (EDGEPLANE_SKIP_POSTGRES=1, EDGEPLANE_SKIP_KUBECTL=1) must be reported as
/// skipped, never as passed: the switch may be read only by the attributes and helpers that turn it into a skip
/// (<c>StoreTheory</c>, <c>PostgresFact</c>, <c>KubectlFact</c>), never by a test body that returns early.
/// </summary>
public sealed partial class SkippedDependencyTests
{
    private static readonly string[] Allowed =
    [
        "tests/Edgeplane.Hub.Tests/Infrastructure/PostgresServer.cs",
        "tests/Edgeplane.Hub.Tests/Infrastructure/PostgresFactAttribute.cs",
        "tests/Edgeplane.Hub.Tests/Infrastructure/StoreTheoryDiscoverer.cs",
        "tests/Edgeplane.Hub.Tests/Infrastructure/StoreTheoryAttribute.cs",
        "tests/Edgeplane.Hub.Tests/Infrastructure/StoreKind.cs",
        "tests/Edgeplane.Rendering.Tests/Kustomize/KubectlTheoryAttribute.cs",
        "tests/Edgeplane.Cli.Tests/KubectlFactAttribute.cs",
        "tests/Edgeplane.Rendering.Tests/Kustomize/KubectlKustomize.cs",
    ];

    [Fact]
    public void Tests_NeverReturnEarlyWhenADependencyIsSwitchedOff()
    {
        var offenders = Repository.SourceFiles("tests")
            .Where(f => !Allowed.Contains(f.Path) && SwitchRead().IsMatch(f.Text) && f.Path != "tests/Edgeplane.Architecture.Tests/SkippedDependencyTests.cs")
            .Select(f => f.Path)
            .ToList();

        Assert.Empty(offenders);
    }

    // Reading a skip switch or the helpers' Skipped flags outside the allowed files.
    [GeneratedRegex(@"EDGEPLANE_SKIP_|PostgresServer\.Skipped|KubectlKustomize\.Skipped|\bSkipVariable\b")]
    private static partial Regex SwitchRead();
}

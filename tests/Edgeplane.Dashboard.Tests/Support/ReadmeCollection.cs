namespace Edgeplane.Dashboard.Tests.Support;

/// <summary>
/// The README's screenshots get a stack of their own, which no other test changes, so each picture shows the state its
/// test set up, whatever order the other tests ran in. It runs alone, after the parallel collections (the shared
/// <see cref="DashboardCollection"/>), so the two stacks never share the machine.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ReadmeCollection : ICollectionFixture<DashboardStack>, ICollectionFixture<Chromium>
{
    public const string Name = "readme screenshots";
}

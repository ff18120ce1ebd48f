namespace Edgeplane.Dashboard.Tests.Support;

/// <summary>Every dashboard test shares one stack and one browser; each test opens its own browser context.</summary>
[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardStack>, ICollectionFixture<Chromium>
{
    public const string Name = "dashboard";
}

namespace Edgeplane.Dashboard.Tests.Support;

/// <summary>The OIDC sign-in tests: a hub and issuer of their own (<see cref="OidcHub"/>), and a browser.</summary>
[CollectionDefinition(Name)]
public sealed class OidcCollection : ICollectionFixture<OidcHub>, ICollectionFixture<Chromium>
{
    public const string Name = "dashboard-oidc";
}

namespace Edgeplane.KubeSim.Tests.Infrastructure;

[CollectionDefinition(Name)]
public sealed class SimCollection : ICollectionFixture<SimFixture>
{
    public const string Name = "kubesim";
}

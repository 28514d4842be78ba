namespace TokenFactoryTwin.ClusterTests.Infrastructure;

[CollectionDefinition(Name)]
public sealed class TwinClusterCollection : ICollectionFixture<TwinClusterFixture>
{
    public const string Name = "twin cluster";
}

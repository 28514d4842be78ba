namespace TokenFactoryTwin.BrowserTests.Infrastructure;

[CollectionDefinition(Name)]
public sealed class LiveViewCollection : ICollectionFixture<LiveViewFixture>
{
    public const string Name = "live view";
}

namespace TokenFactoryTwin.Abstractions.Planning;

/// <summary>A scenario as the per-facility list shows it.</summary>
[GenerateSerializer, Immutable, Alias("tft.ScenarioSummary")]
public sealed record ScenarioSummary(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] DateTimeOffset CreatedAt);

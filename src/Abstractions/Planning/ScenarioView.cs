namespace TokenFactoryTwin.Abstractions.Planning;

/// <summary>A scenario with its changes and their evaluation. <see cref="Version"/> moves with every change (the HTTP ETag).</summary>
[GenerateSerializer, Immutable, Alias("tft.ScenarioView")]
public sealed record ScenarioView(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string FacilityId,
    [property: Id(3)] DateTimeOffset CreatedAt,
    [property: Id(4)] long Version,
    [property: Id(5)] DateTimeOffset BaselineTakenAt,
    [property: Id(6)] IReadOnlyList<ScenarioChangeEntry> Changes,
    [property: Id(7)] ScenarioEvaluation Evaluation,
    [property: Id(8)] IReadOnlyList<string> AppliedRacks);

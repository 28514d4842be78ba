namespace TokenFactoryTwin.Abstractions.Planning;

/// <summary>What applying a scenario did to the live twin: the virtual racks it added, or why it added none.</summary>
[GenerateSerializer, Immutable, Alias("tft.ScenarioApplyResult")]
public sealed record ScenarioApplyResult(
    [property: Id(0)] ScenarioOutcome Outcome,
    [property: Id(1)] IReadOnlyList<string> Racks,
    [property: Id(2)] IReadOnlyList<string> Problems,
    [property: Id(3)] IReadOnlyList<string> Skipped);

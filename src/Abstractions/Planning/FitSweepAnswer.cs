namespace TokenFactoryTwin.Abstractions.Planning;

/// <summary>A sweep's result, or why it could not run (no such scenario, or a request field at fault).</summary>
[GenerateSerializer, Immutable, Alias("tft.FitSweepAnswer")]
public sealed record FitSweepAnswer(
    [property: Id(0)] ScenarioOutcome Outcome,
    [property: Id(1)] IReadOnlyList<ChangeProblem> Problems,
    [property: Id(2)] FitSweepResult? Result);

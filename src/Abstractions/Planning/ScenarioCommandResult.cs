namespace TokenFactoryTwin.Abstractions.Planning;

/// <summary>The answer to a command on a scenario: the scenario as it now stands, or why nothing changed.</summary>
[GenerateSerializer, Immutable, Alias("tft.ScenarioCommandResult")]
public sealed record ScenarioCommandResult(
    [property: Id(0)] ScenarioOutcome Outcome,
    [property: Id(1)] IReadOnlyList<ChangeProblem> Problems,
    [property: Id(2)] ScenarioView? Scenario,
    [property: Id(3)] long CurrentVersion)
{
    public static ScenarioCommandResult Done(ScenarioView scenario) => new(ScenarioOutcome.Done, [], scenario, scenario.Version);

    public static ScenarioCommandResult NotFound { get; } = new(ScenarioOutcome.NotFound, [], null, 0);

    public static ScenarioCommandResult Invalid(IReadOnlyList<ChangeProblem> problems, long version) => new(ScenarioOutcome.Invalid, problems, null, version);

    public static ScenarioCommandResult Stale(long version) => new(ScenarioOutcome.VersionMismatch, [], null, version);

    public static ScenarioCommandResult Conflict(IReadOnlyList<ChangeProblem> problems, long version) => new(ScenarioOutcome.Conflict, problems, null, version);
}

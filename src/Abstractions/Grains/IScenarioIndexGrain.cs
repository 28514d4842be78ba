using TokenFactoryTwin.Abstractions.Planning;

namespace TokenFactoryTwin.Abstractions.Grains;

/// <summary>
/// The scenarios of one facility (key: <see cref="TwinKeys.ScenarioIndex"/>), for listing them. Touched only when a
/// scenario is created, deleted or listed: never on a path that telemetry or evaluation takes.
/// </summary>
[Alias("tft.IScenarioIndexGrain")]
public interface IScenarioIndexGrain : IGrainWithStringKey
{
    [Alias("Add")]
    Task Add(ScenarioSummary scenario);

    [Alias("Remove")]
    Task Remove(string scenarioId);

    [Alias("List")]
    Task<IReadOnlyList<ScenarioSummary>> List();
}

using TokenFactoryTwin.Abstractions.Planning;

namespace TokenFactoryTwin.Abstractions.Grains;

/// <summary>
/// One what-if scenario of one facility (key: <see cref="TwinKeys.Scenario"/>): a baseline forked from the live
/// twin plus an ordered list of changes, persisted, evaluated on demand by the pure planner. Every change names
/// the version it was made against; a stale version changes nothing.
/// </summary>
[Alias("tft.IScenarioGrain")]
public interface IScenarioGrain : IGrainWithStringKey
{
    /// <summary>Forks the live twin of the facility into this scenario. Null when the facility is not started.</summary>
    [Alias("Create")]
    Task<ScenarioView?> Create(string name);

    [Alias("Get")]
    Task<ScenarioView?> Get();

    [Alias("AddChange")]
    Task<ScenarioCommandResult> AddChange(ScenarioChange change, long expectedVersion);

    [Alias("RemoveChange")]
    Task<ScenarioCommandResult> RemoveChange(int n, long expectedVersion);

    /// <returns>False when there was no such scenario.</returns>
    [Alias("Delete")]
    Task<bool> Delete();

    [Alias("Sweep")]
    Task<FitSweepAnswer> Sweep(FitSweepRequest request);

    /// <summary>Adds the scenario's planned racks to the live twin as virtual, simulated racks: all or none.</summary>
    [Alias("Apply")]
    Task<ScenarioApplyResult> Apply();

    /// <summary>Takes the racks an earlier apply added out of the live twin again.</summary>
    [Alias("Unapply")]
    Task<ScenarioApplyResult> Unapply();
}

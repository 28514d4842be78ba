using TokenFactoryTwin.Abstractions.Kpis;
using TokenFactoryTwin.Abstractions.Topology;

namespace TokenFactoryTwin.Abstractions.Planning;

/// <summary>
/// The live twin as a scenario forks it: the topology and settings (halls' PUE, cost model) and every rack's
/// figures at <see cref="TakenAt"/>. Scenarios evaluate against this copy, so the live twin moving on does not
/// change a plan under the planner's feet.
/// </summary>
[GenerateSerializer, Immutable, Alias("tft.ScenarioBaseline")]
public sealed record ScenarioBaseline(
    [property: Id(0)] DateTimeOffset TakenAt,
    [property: Id(1)] FacilitySpec Topology,
    [property: Id(2)] IReadOnlyList<RackSnapshot> Racks);

using TokenFactoryTwin.Abstractions.Topology;

namespace TokenFactoryTwin.Abstractions.Planning;

/// <summary>
/// Swaps racks for planned racks of another type in the same place, on the same cords and spine. The new racks'
/// figures come from the catalog at <see cref="LoadLevel"/> of their workload's operating point.
/// </summary>
[GenerateSerializer, Immutable, Alias("tft.ReplaceRacksChange")]
public sealed record ReplaceRacksChange(
    [property: Id(0)] IReadOnlyList<string> Racks,
    [property: Id(1)] string RackType,
    [property: Id(2)] WorkloadSpec? Workload = null,
    [property: Id(3)] double LoadLevel = 1.0) : ScenarioChange;

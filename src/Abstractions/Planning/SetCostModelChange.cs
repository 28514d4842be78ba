using TokenFactoryTwin.Abstractions.Topology;

namespace TokenFactoryTwin.Abstractions.Planning;

/// <summary>Prices the scenario with another cost model (a GPU-hour price tier or an owner's TCO).</summary>
[GenerateSerializer, Immutable, Alias("tft.SetCostModelChange")]
public sealed record SetCostModelChange([property: Id(0)] CostModelSpec CostModel) : ScenarioChange;

using System.Text.Json.Serialization;

namespace TokenFactoryTwin.Abstractions.Planning;

/// <summary>
/// One what-if change to a scenario. On the wire a JSON object whose <c>kind</c> names the change; the planner
/// applies a scenario's changes in order to its baseline, so a later change sees what earlier ones did.
/// </summary>
[GenerateSerializer]
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(AddRacksChange), ScenarioChangeKinds.AddRacks)]
[JsonDerivedType(typeof(RemoveRacksChange), ScenarioChangeKinds.RemoveRacks)]
[JsonDerivedType(typeof(ReplaceRacksChange), ScenarioChangeKinds.ReplaceRacks)]
[JsonDerivedType(typeof(FailPowerNodeChange), ScenarioChangeKinds.FailPowerNode)]
[JsonDerivedType(typeof(SetPueChange), ScenarioChangeKinds.SetPue)]
[JsonDerivedType(typeof(SetEnergyPriceChange), ScenarioChangeKinds.SetEnergyPrice)]
[JsonDerivedType(typeof(SetCostModelChange), ScenarioChangeKinds.SetCostModel)]
[JsonDerivedType(typeof(SetWorkloadChange), ScenarioChangeKinds.SetWorkload)]
[JsonDerivedType(typeof(AddPowerNodeChange), ScenarioChangeKinds.AddPowerNode)]
[JsonDerivedType(typeof(SetPowerCapChange), ScenarioChangeKinds.SetPowerCap)]
[JsonDerivedType(typeof(FlexEventChange), ScenarioChangeKinds.FlexEvent)]
public abstract record ScenarioChange;

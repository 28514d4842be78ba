namespace TokenFactoryTwin.Abstractions.Planning;

/// <summary>Sets the price of energy. It moves cost per token under an owner's TCO cost model; a price tier already includes it.</summary>
[GenerateSerializer, Immutable, Alias("tft.SetEnergyPriceChange")]
public sealed record SetEnergyPriceChange([property: Id(0)] double UsdPerMWh) : ScenarioChange;

namespace TokenFactoryTwin.Abstractions.Topology;

/// <summary>
/// How the twin prices an hour of the facility. <c>priceTier</c>: every GPU at the catalog's GPU-hour price for
/// <see cref="PriceTier"/> (hyperscaler, neocloud, rental3y). <c>tco</c>: an owner's cost — capex per rack of
/// each rack type amortised over <see cref="LifeYears"/>, energy at <see cref="EnergyUsdPerMWh"/> on measured
/// facility power, and <see cref="OpexUsdPerYear"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("tft.CostModelSpec")]
public sealed record CostModelSpec(
    [property: Id(0)] string Kind = CostModelKinds.PriceTier,
    [property: Id(1)] string PriceTier = "hyperscaler",
    [property: Id(2)] IReadOnlyDictionary<string, double>? CapexUsdPerRack = null,
    [property: Id(3)] double LifeYears = 5,
    [property: Id(4)] double EnergyUsdPerMWh = 80,
    [property: Id(5)] double OpexUsdPerYear = 0);

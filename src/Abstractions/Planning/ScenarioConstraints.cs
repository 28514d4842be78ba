namespace TokenFactoryTwin.Abstractions.Planning;

/// <summary>Every limit the projected scenario is checked against: power path, cooling, spine ports.</summary>
[GenerateSerializer, Immutable, Alias("tft.ScenarioConstraints")]
public sealed record ScenarioConstraints(
    [property: Id(0)] IReadOnlyList<PowerConstraint> Power,
    [property: Id(1)] IReadOnlyList<CoolingConstraint> Cooling,
    [property: Id(2)] IReadOnlyList<SpineConstraint> Spines)
{
    public bool Ok => Power.All(p => p.Ok) && Cooling.All(c => c.Ok) && Spines.All(s => s.Ok);
}

namespace TokenFactoryTwin.Abstractions.Planning;

/// <summary>Sets a hall's PUE (for example after a cooling retrofit).</summary>
[GenerateSerializer, Immutable, Alias("tft.SetPueChange")]
public sealed record SetPueChange(
    [property: Id(0)] string Hall,
    [property: Id(1)] double Pue) : ScenarioChange;

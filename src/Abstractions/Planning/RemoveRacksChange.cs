namespace TokenFactoryTwin.Abstractions.Planning;

/// <summary>Takes racks out of the scenario: existing racks or ones an earlier change planned.</summary>
[GenerateSerializer, Immutable, Alias("tft.RemoveRacksChange")]
public sealed record RemoveRacksChange([property: Id(0)] IReadOnlyList<string> Racks) : ScenarioChange;

namespace TokenFactoryTwin.Abstractions.Planning;

/// <summary>Loses a power node (a feed, UPS, busway …) and everything downstream of it.</summary>
[GenerateSerializer, Immutable, Alias("tft.FailPowerNodeChange")]
public sealed record FailPowerNodeChange([property: Id(0)] string Node) : ScenarioChange;

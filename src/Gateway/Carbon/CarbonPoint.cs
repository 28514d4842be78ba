namespace TokenFactoryTwin.Gateway.Carbon;

/// <summary>One point of the facility's or a hall's history with its energy and carbon per token at the intensity of that moment.</summary>
public sealed record CarbonPoint(
    DateTimeOffset AsOf,
    double? GramsPerKwh,
    double? JoulesPerToken,
    double? GramsCo2PerMillionTokens);

namespace TokenFactoryTwin.Gateway.Carbon;

/// <summary>A facility's or hall's energy and carbon per token: joules per token and grams of CO2 per million tokens.</summary>
public sealed record CarbonFigures(
    string Id,
    string Name,
    double TokensPerSecond,
    double FacilityPowerKw,
    double? JoulesPerToken,
    double? GramsCo2PerMillionTokens);

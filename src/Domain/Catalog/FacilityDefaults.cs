namespace TokenFactoryTwin.Domain.Catalog;

/// <summary>Facility-wide defaults from the catalog: PUE by cooling type and the continuous-load derating.</summary>
public sealed record FacilityDefaults(IReadOnlyDictionary<string, double> PueByCooling, double ContinuousLoadFraction, string Sources);

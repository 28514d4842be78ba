namespace TokenFactoryTwin.Domain.Catalog;

/// <summary>A rack type from the catalog: which GPU, how many, the rack's IT power at full load and its cooling.</summary>
public sealed record RackTypeSpec(
    string Id,
    string Name,
    string Gpu,
    int GpusPerRack,
    double SystemMaxKw,
    double RackItKw,
    string Cooling,
    ScaleOutSpec ScaleOut,
    IReadOnlyDictionary<string, string> Sources);

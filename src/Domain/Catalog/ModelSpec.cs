namespace TokenFactoryTwin.Domain.Catalog;

/// <summary>A model from the model catalog: what an operating point refers to, and the architecture the throughput model reads.</summary>
public sealed record ModelSpec(
    string Id,
    string Name,
    double TotalParamsB,
    double ActiveParamsB,
    string Attention,
    ModelArchitecture Architecture,
    string Sources);

namespace TokenFactoryTwin.Domain.Catalog;

/// <summary>A model from the model catalog (the facts an operating point refers to).</summary>
public sealed record ModelSpec(string Id, string Name, double TotalParamsB, double ActiveParamsB, string Attention, string Sources);

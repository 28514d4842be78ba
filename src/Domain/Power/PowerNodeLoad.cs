namespace TokenFactoryTwin.Domain.Power;

/// <summary>A node's computed load against its derated rating.</summary>
public sealed record PowerNodeLoad(string NodeId, double RatingKw, double DeratedKw, double LoadKw, double LoadIfPartnerLostKw, bool Failed)
{
    public double HeadroomKw => DeratedKw - LoadKw;

    public bool Ok => Failed || (LoadKw <= DeratedKw && LoadIfPartnerLostKw <= DeratedKw);
}

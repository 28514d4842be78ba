using Orleans.Runtime.Placement;

namespace TokenFactoryTwin.Grains.Placement;

/// <summary>
/// Chooses the silo for a <see cref="SpreadByKeyPlacement"/> activation: the one a placement hint names (a grain
/// moving itself home says where), else the key's home among the compatible silos.
/// </summary>
public sealed class SpreadByKeyPlacementDirector : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var silos = context.GetCompatibleSilos(target);
        var silo = IPlacementDirector.GetPlacementHint(target.RequestContextData, silos) ?? SiloSpread.HomeOf(target.GrainIdentity.Key.ToString(), silos);
        return Task.FromResult(silo);
    }
}

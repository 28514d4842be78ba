using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;

namespace TokenFactoryTwin.Grains.Placement;

public static class TwinPlacementExtensions
{
    /// <summary>The placement the twin's grains declare (<see cref="SpreadByKeyPlacement"/>): every silo that hosts them needs it.</summary>
    public static IServiceCollection AddTwinPlacement(this IServiceCollection services)
    {
        services.AddPlacementDirector<SpreadByKeyPlacement, SpreadByKeyPlacementDirector>();
        return services;
    }
}

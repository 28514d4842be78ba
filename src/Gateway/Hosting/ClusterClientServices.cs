namespace TokenFactoryTwin.Gateway.Hosting;

/// <summary>
/// The hosted services Orleans' client registered for itself, taken out of the host's start so that
/// <see cref="ClusterConnection"/> can start them in the background. Orleans registers them as factories that hand
/// back its own singletons, so resolving them here gives the very client the rest of the gateway uses.
/// </summary>
public sealed class ClusterClientServices(IReadOnlyList<ServiceDescriptor> descriptors)
{
    /// <summary>Moves every hosted service that <paramref name="addClient"/> registers out of <paramref name="services"/>.</summary>
    public static ClusterClientServices TakeFrom(IServiceCollection services, Action addClient)
    {
        var before = services.Where(IsHostedService).ToHashSet();
        addClient();
        var added = services.Where(d => IsHostedService(d) && !before.Contains(d)).ToList();
        foreach (var descriptor in added)
        {
            services.Remove(descriptor);
        }

        return new ClusterClientServices(added);
    }

    public IEnumerable<IHostedService> Resolve(IServiceProvider services) => descriptors.Select(d => d switch
    {
        { ImplementationInstance: IHostedService instance } => instance,
        { ImplementationFactory: { } factory } => (IHostedService)factory(services),
        _ => (IHostedService)ActivatorUtilities.GetServiceOrCreateInstance(services, d.ImplementationType!),
    });

    private static bool IsHostedService(ServiceDescriptor descriptor) => descriptor.ServiceType == typeof(IHostedService);
}

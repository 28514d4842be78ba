namespace TokenFactoryTwin.Silo.Hosting;

/// <summary>
/// Orleans' dashboard reads and gzips its embedded script, styles and fonts when its endpoints are mapped: about a
/// second of one core at 1 GW, on the silo's start path, before the host (and so the facility) starts. Started first
/// thing on the thread pool instead, it is built on the other core while the silo reads its facility file, and is
/// handed to the dashboard as the singleton it would have built. The provider is internal to Orleans.Dashboard: if a
/// later version renames it or registers it otherwise, nothing is replaced and the dashboard builds its own, as before.
/// </summary>
public static class DashboardAssetsWarmup
{
    private static readonly Type? ProviderType =
        typeof(Orleans.Dashboard.ServiceCollectionExtensions).Assembly.GetType("Orleans.Dashboard.EmbeddedAssetProvider");

    /// <summary>Starts building the dashboard's assets; hand the task to <see cref="UseWarmed"/>.</summary>
    public static Task<object?> Start() =>
        Task.Run(() => ProviderType is { } type ? Activator.CreateInstance(type, nonPublic: true) : null);

    /// <summary>Registers the assets being built as the dashboard's own, in place of the singleton it registered.</summary>
    public static void UseWarmed(IServiceCollection services, Task<object?> warming)
    {
        var registered = ProviderType is null ? null : services.SingleOrDefault(d => d.ServiceType == ProviderType);
        if (registered is not { Lifetime: ServiceLifetime.Singleton, ImplementationType: not null })
        {
            return;
        }

        services.Remove(registered);
        services.AddSingleton(registered.ServiceType, _ => warming.GetAwaiter().GetResult()
            ?? Activator.CreateInstance(registered.ImplementationType, nonPublic: true)!);
    }
}

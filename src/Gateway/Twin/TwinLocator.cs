using TokenFactoryTwin.Abstractions;
using TokenFactoryTwin.Abstractions.Grains;
using TokenFactoryTwin.Gateway.Hosting;

namespace TokenFactoryTwin.Gateway.Twin;

/// <summary>
/// Finds the facility this gateway serves: <c>Twin:FacilityId</c> when set, else the first facility the cluster
/// twins (asked once of the directory grain, then remembered).
/// </summary>
public sealed class TwinLocator(IClusterClient client, ClusterConnection connection, IConfiguration configuration)
{
    private string? _facilityId = configuration["Twin:FacilityId"] is { Length: > 0 } id ? id : null;

    public IClusterClient Client => client;

    /// <returns>The facility id, or null while the gateway has not reached the cluster or the cluster has not registered one yet.</returns>
    public async Task<string?> FacilityId()
    {
        if (!connection.IsConnected)
        {
            return null;
        }

        if (_facilityId is not null)
        {
            return _facilityId;
        }

        var facilities = await client.Reference<ITwinDirectoryGrain>(ITwinDirectoryGrain.Key).GetFacilities();
        return _facilityId = facilities.Count > 0 ? facilities[0] : null;
    }

    /// <typeparam name="TFace">The face of the facility grain wanted: <see cref="IFacilityKpiGrain"/> or <see cref="IFacilityTopologyGrain"/>.</typeparam>
    /// <returns>That face of the facility's grain, or null while the cluster has not registered a facility yet.</returns>
    public async Task<TFace?> Facility<TFace>()
        where TFace : class, IGrainWithStringKey =>
        await FacilityId() is { } id ? client.Reference<TFace>(TwinKeys.Facility(id)) : null;
}

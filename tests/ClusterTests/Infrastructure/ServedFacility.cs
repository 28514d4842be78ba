using TokenFactoryTwin.Abstractions;
using TokenFactoryTwin.Abstractions.Grains;
using TokenFactoryTwin.Abstractions.Topology;

namespace TokenFactoryTwin.ClusterTests.Infrastructure;

/// <summary>
/// A fresh two-hall facility started on the shared test cluster, with the real gateway serving it over an in-memory
/// client: what every API test class starts from.
/// </summary>
public sealed class ServedFacility : IAsyncDisposable
{
    private readonly GatewayFactory _gateway;

    private ServedFacility(string facilityId, GatewayFactory gateway)
    {
        FacilityId = facilityId;
        _gateway = gateway;
        Http = gateway.CreateClient();
    }

    public string FacilityId { get; }

    public HttpClient Http { get; }

    /// <param name="adjust">Changes to the facility before it starts (a carbon intensity, say).</param>
    public static async Task<ServedFacility> Start(TwinClusterFixture cluster, int h200Racks, int gb300Racks, Func<FacilitySpec, FacilitySpec>? adjust = null)
    {
        var id = TestFacilities.NewId();
        var spec = TestFacilities.TwoHalls(id, h200Racks, gb300Racks);
        await cluster.Grains.GetGrain<IFacilityTopologyGrain>(TwinKeys.Facility(id)).Start(adjust?.Invoke(spec) ?? spec, TestFacilities.FastTiming);
        return new ServedFacility(id, new GatewayFactory(cluster, id));
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _gateway.DisposeAsync();
    }
}

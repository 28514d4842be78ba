using System.Diagnostics.Metrics;
using TokenFactoryTwin.Gateway.Twin;

namespace TokenFactoryTwin.Gateway.Flex;

/// <summary>
/// The cap per GPU a running flex event recommends for each rack, on the twin's meter: on <c>/metrics</c> as
/// <c>tokenfactory_rack_recommended_gpu_power_limit_watts{tokenfactory_rack, tokenfactory_source}</c>, for a cluster agent
/// to apply with <c>nvidia-smi -pl</c> (or DCGM's power-limit action) on live racks. No series while no event runs.
/// </summary>
public sealed class FlexMeter : IDisposable
{
    private readonly Meter _meter;

    public FlexMeter(IMeterFactory meters, FlexFeed feed)
    {
        _meter = meters.Create(TwinMeter.Name);
        _meter.CreateObservableGauge("tokenfactory.rack.recommended_gpu_power_limit", () => Observe(feed), "W",
            "Power limit per GPU a running flex event recommends for the rack.");
    }

    public void Dispose() => _meter.Dispose();

    private static IEnumerable<Measurement<double>> Observe(FlexFeed feed)
    {
        if (feed.Latest is not { } flex)
        {
            yield break;
        }

        var live = flex.LiveRacks.ToHashSet(StringComparer.Ordinal);
        foreach (var rack in flex.Plan.Racks)
        {
            yield return new Measurement<double>(rack.CapWPerGpu, new KeyValuePair<string, object?>("tokenfactory.rack", rack.Rack),
                new KeyValuePair<string, object?>("tokenfactory.source", live.Contains(rack.Rack) ? "live" : "simulated"));
        }
    }
}

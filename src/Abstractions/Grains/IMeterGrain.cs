using TokenFactoryTwin.Abstractions.Ingest;

namespace TokenFactoryTwin.Abstractions.Grains;

/// <summary>
/// The meters of one twin target (a power node, a network link, or the facility): one grain per target, so meter
/// scrapes spread over many grains, never a facility-wide one. Readings keyed by (port, kind, timestamp).
/// </summary>
[Alias("tft.IMeterGrain")]
public interface IMeterGrain : IGrainWithStringKey
{
    [Alias("Report")]
    Task<int> Report(IReadOnlyList<MeterSample> samples);

    [Alias("GetStatus")]
    Task<MeterStatus?> GetStatus();
}

using TokenFactoryTwin.Abstractions.Kpis;

namespace TokenFactoryTwin.Abstractions.Grains;

/// <summary>
/// A GPU's addressable face. Its second-by-second samples live in its rack (the unit of ingestion), so this grain
/// reads them from there; it exists for detail, and later for commands, alerts and history.
/// </summary>
[Alias("tft.IGpuGrain")]
public interface IGpuGrain : IGrainWithStringKey
{
    [Alias("GetStatus")]
    Task<GpuStatus?> GetStatus();
}

using TokenFactoryTwin.Abstractions.Ingest;

namespace TokenFactoryTwin.Abstractions.Grains;

/// <summary>
/// A facility's list of unknown hosts and GPUs that sent telemetry. Host grains report here at most once per
/// interval per source, so this grain sees a trickle, never the sample stream.
/// </summary>
[Alias("tft.IDiscoveryGrain")]
public interface IDiscoveryGrain : IGrainWithStringKey
{
    [Alias("Report"), OneWay]
    Task Report(DiscoveredSource source);

    [Alias("Forget")]
    Task Forget(string host);

    [Alias("GetAll")]
    Task<IReadOnlyList<DiscoveredSource>> GetAll();
}

using TokenFactoryTwin.Abstractions.Ingest;
using TokenFactoryTwin.Abstractions.Telemetry;

namespace TokenFactoryTwin.Abstractions.Grains;

/// <summary>A registered inference server: which GPUs it runs on, and its token counters spread over them (one call per rack).</summary>
[Alias("tft.IInferenceEndpointGrain")]
public interface IInferenceEndpointGrain : IGrainWithStringKey
{
    [Alias("Set")]
    Task Set(InferenceEndpointSpec spec);

    [Alias("Get")]
    Task<InferenceEndpointSpec?> Get();

    [Alias("Remove")]
    Task<bool> Remove();

    [Alias("Ingest")]
    Task<IngestResult> Ingest(IReadOnlyList<ServerTokens> tokens);
}

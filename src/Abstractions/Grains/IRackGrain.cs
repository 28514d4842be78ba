using TokenFactoryTwin.Abstractions.Kpis;
using TokenFactoryTwin.Abstractions.Telemetry;
using TokenFactoryTwin.Abstractions.Topology;

namespace TokenFactoryTwin.Abstractions.Grains;

/// <summary>
/// The unit of ingestion: holds its GPUs' hot state, turns counters into rates, simulates itself when its source
/// is simulated, and pushes its totals and its cord loads to its hall (which batches them per power node) soon after its telemetry arrives
/// (live) or at its tick (simulated), about once per flush period.
/// </summary>
[Alias("tft.IRackGrain")]
public interface IRackGrain : IGrainWithStringKey
{
    [Alias("Configure")]
    Task Configure(RackConfig config);

    /// <summary>Applies a batch of samples for this rack's GPUs (one call per scraped host or batch, never per metric).</summary>
    [Alias("Ingest")]
    Task<IngestResult> Ingest(GpuSampleBatch samples);

    /// <summary>The requests an inference server runs on this rack's GPUs (its share), as its latest gauge says.</summary>
    [Alias("ObserveServing"), OneWay]
    Task ObserveServing(ServingShare share);

    /// <summary>
    /// The workloads Kubernetes runs on a host's GPUs, slots <paramref name="firstSlot"/> on, one entry per slot (null:
    /// no pod). Sent when the labels change, not per batch.
    /// </summary>
    [Alias("LabelGpus"), OneWay]
    Task LabelGpus(int firstSlot, IReadOnlyList<GpuWorkload?> workloads);

    /// <summary>The model an inference server on these slots serves (its <c>model_name</c>); sent when it changes.</summary>
    [Alias("ServeModel"), OneWay]
    Task ServeModel(IReadOnlyList<int> slots, string model);

    [Alias("GetSnapshot")]
    Task<RackSnapshot?> GetSnapshot();

    [Alias("GetDetail")]
    Task<RackDetail?> GetDetail();

    [Alias("GetGpu")]
    Task<GpuStatus?> GetGpu(int index);

    /// <summary>Stops the rack, tells its hall and power nodes to forget it and clears its state.</summary>
    [Alias("Remove")]
    Task Remove();

    /// <summary>Caps the rack's GPUs for a flex event (null lifts the cap): a simulated rack draws and serves as the plan says.</summary>
    [Alias("SetPowerCap"), OneWay]
    Task SetPowerCap(Flex.RackPowerCap? cap);

    /// <summary>Wakes the rack (and with it its timers) after its silo was lost.</summary>
    [Alias("Ping"), OneWay]
    Task Ping();
}

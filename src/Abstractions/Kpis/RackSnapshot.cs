namespace TokenFactoryTwin.Abstractions.Kpis;

/// <summary>
/// A rack's totals at <see cref="AsOf"/>, pushed to its hall soon after its telemetry arrives (a live rack, at most a few times a
/// period) or at its tick (a simulated one). It is a snapshot,
/// not a delta: the hall keeps the newest <see cref="Version"/> per rack, so duplicates, retries and
/// re-activations cannot double-count. <see cref="Cords"/> is what it puts on its power nodes, which its hall
/// forwards to them. <see cref="GpusCapBinding"/> and <see cref="GpusCapNotApplied"/> count its reporting GPUs whose
/// power cap binds now, and whose enforced limit misses the cap a flex event recommends (the rack's GPUs show which).
/// <see cref="SamplesAsOf"/> is the time of the oldest sample the figures include (none reporting: null).
/// <see cref="Tenants"/> and <see cref="Models"/> split its GPUs, tokens and IT power by what they serve.
/// Not reference-tracked when serialized (nor are its workload lines, link statuses and KPI points): a 1 GW facility
/// overview carries 7,400 of them, and the serializer's table of every object it wrote grew into arrays on the
/// large object heap, about 10 MB/s of them with a few live views open.
/// </summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("tft.RackSnapshot")]
public sealed record RackSnapshot(
    [property: Id(0)] string RackId,
    [property: Id(1)] string Hall,
    [property: Id(2)] string RackType,
    [property: Id(3)] string Gpu,
    [property: Id(4)] long Version,
    [property: Id(5)] DateTimeOffset AsOf,
    [property: Id(6)] int Gpus,
    [property: Id(7)] int GpusReporting,
    [property: Id(8)] double TokensPerSecond,
    [property: Id(9)] double OutputTokensPerSecond,
    [property: Id(10)] double GpuPowerKw,
    [property: Id(11)] double ItPowerKw,
    [property: Id(12)] double ProvisionedPowerKw,
    [property: Id(13)] double Utilization,
    [property: Id(14)] double MaxTemperatureC,
    [property: Id(15)] double UplinkGbps,
    [property: Id(16)] string Source,
    [property: Id(17)] bool Virtual,
    [property: Id(18)] bool Stale,
    [property: Id(19)] int Row,
    [property: Id(20)] int Position,
    [property: Id(21)] CordLoads? Cords = null,
    [property: Id(22)] double RunningRequests = 0,
    [property: Id(23)] DateTimeOffset? SamplesAsOf = null,
    [property: Id(30)] int GpusCapBinding = 0,
    [property: Id(31)] int GpusCapNotApplied = 0,
    [property: Id(40)] IReadOnlyList<WorkloadLine>? Tenants = null,
    [property: Id(41)] IReadOnlyList<WorkloadLine>? Models = null);

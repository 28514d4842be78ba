namespace TokenFactoryTwin.Abstractions.Ingest;

/// <summary>
/// A /metrics endpoint the gateway scrapes itself: every <see cref="IntervalSeconds"/>, giving up after
/// <see cref="TimeoutSeconds"/>. Series that carry no host (inference servers) are attributed to <see cref="Host"/>
/// or to the registered inference <see cref="Endpoint"/>; dcgm-exporter series name their own host.
/// </summary>
[GenerateSerializer, Immutable, Alias("tft.ScrapeTargetSpec")]
public sealed record ScrapeTargetSpec(
    [property: Id(0)] string Id,
    [property: Id(1)] string Url,
    [property: Id(2)] double IntervalSeconds = 15,
    [property: Id(3)] double TimeoutSeconds = 5,
    [property: Id(4)] string? Host = null,
    [property: Id(5)] string? Endpoint = null);

namespace TokenFactoryTwin.Abstractions.Ingest;

/// <summary>
/// A facility's registered pull targets as of <see cref="Version"/>; <see cref="Targets"/> is null when the asker
/// already holds that version, so a gateway re-reading the list every few seconds gets a few bytes, not a gigawatt's
/// 133,200 targets, on the connection that carries its ingest.
/// </summary>
[GenerateSerializer, Immutable, Alias("tft.ScrapeTargetList")]
public sealed record ScrapeTargetList(
    [property: Id(0)] long Version,
    [property: Id(1)] IReadOnlyList<ScrapeTargetSpec>? Targets);

using TokenFactoryTwin.Abstractions.Ingest;

namespace TokenFactoryTwin.Grains.Ingest;

[GenerateSerializer, Alias("tft.ScrapeTargetsState")]
public sealed class ScrapeTargetsState
{
    [Id(0)] public List<ScrapeTargetSpec> Targets { get; set; } = [];
}

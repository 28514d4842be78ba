using TokenFactoryTwin.Abstractions.Flex;
using TokenFactoryTwin.Abstractions.Topology;

namespace TokenFactoryTwin.Grains.Rack;

/// <summary>
/// What a rack keeps across restarts: its configuration and a running flex event's cap. Its telemetry is hot state,
/// rebuilt from new samples.
/// </summary>
[GenerateSerializer, Alias("tft.RackState")]
public sealed class RackState
{
    [Id(0)] public RackConfig? Config { get; set; }

    [Id(1)] public RackPowerCap? Cap { get; set; }
}

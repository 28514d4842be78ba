using TokenFactoryTwin.Abstractions.Flex;

namespace TokenFactoryTwin.Grains.Rack;

/// <summary>
/// What a rack keeps across restarts: a running flex event's cap. Its configuration is the facility's, asked for on
/// activation (a store written by an earlier version also holds one here, which is ignored); its telemetry is hot
/// state, rebuilt from new samples.
/// </summary>
[GenerateSerializer, Alias("tft.RackState")]
public sealed class RackState
{
    [Id(1)] public RackPowerCap? Cap { get; set; }
}

using TokenFactoryTwin.Abstractions.Flex;
using TokenFactoryTwin.Abstractions.Planning;

namespace TokenFactoryTwin.Grains.Flex;

/// <summary>The running flex event as persisted, so a restart still knows which racks it capped and lifts them at the end.</summary>
[GenerateSerializer, Alias("tft.FlexState")]
public sealed class FlexState
{
    [Id(0)] public FlexEventChange? Request { get; set; }

    [Id(1)] public DateTimeOffset StartedAt { get; set; }

    [Id(2)] public double BaselineFacilityPowerKw { get; set; }

    [Id(3)] public double BaselineTokensPerSecond { get; set; }

    [Id(4)] public FlexPlan? Plan { get; set; }

    [Id(5)] public Dictionary<string, RackPowerCap> Caps { get; set; } = [];

    [Id(6)] public List<string> LiveRacks { get; set; } = [];
}

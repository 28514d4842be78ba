using TokenFactoryTwin.Abstractions.Planning;

namespace TokenFactoryTwin.Grains.Scenarios;

[GenerateSerializer, Alias("tft.ScenarioIndexState")]
public sealed class ScenarioIndexState
{
    [Id(0)] public List<ScenarioSummary> Scenarios { get; set; } = [];
}

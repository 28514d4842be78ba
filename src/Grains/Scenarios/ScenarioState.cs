using TokenFactoryTwin.Abstractions.Planning;

namespace TokenFactoryTwin.Grains.Scenarios;

/// <summary>A scenario as it is persisted: the forked baseline and the changes. Evaluations are derived, never stored.</summary>
[GenerateSerializer, Alias("tft.ScenarioState")]
public sealed class ScenarioState
{
    [Id(0)] public string? Name { get; set; }

    [Id(1)] public DateTimeOffset CreatedAt { get; set; }

    [Id(2)] public long Version { get; set; }

    [Id(3)] public int LastChange { get; set; }

    [Id(4)] public ScenarioBaseline? Baseline { get; set; }

    [Id(5)] public List<ScenarioChangeEntry> Changes { get; set; } = [];

    [Id(6)] public List<string> AppliedRacks { get; set; } = [];
}

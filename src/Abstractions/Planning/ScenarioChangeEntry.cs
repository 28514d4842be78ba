namespace TokenFactoryTwin.Abstractions.Planning;

/// <summary>
/// A change as the scenario keeps it: numbered <see cref="N"/> once and for good (removing a change does not
/// renumber the others, and the racks a change plans are named after it).
/// </summary>
[GenerateSerializer, Immutable, Alias("tft.ScenarioChangeEntry")]
public sealed record ScenarioChangeEntry(
    [property: Id(0)] int N,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] ScenarioChange Change);

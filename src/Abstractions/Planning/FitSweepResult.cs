namespace TokenFactoryTwin.Abstractions.Planning;

/// <summary>
/// The sweep's answer: <see cref="Fits"/> racks can be added before the first new violation; <see cref="LimitedBy"/>
/// says what breaks with one more. <see cref="FitsBeforePower"/> is the count before a power node breaks (null when
/// the sweep stopped earlier or none broke within <c>maxRacks</c>). Steps start with the scenario as it is (0 added).
/// A capped sweep names its cap per GPU and carries the same sweep uncapped (<see cref="Uncapped"/>) to set beside it.
/// </summary>
[GenerateSerializer, Immutable, Alias("tft.FitSweepResult")]
public sealed record FitSweepResult(
    [property: Id(0)] string Hall,
    [property: Id(1)] string RackType,
    [property: Id(2)] int Fits,
    [property: Id(3)] int? FitsBeforePower,
    [property: Id(4)] IReadOnlyList<string> LimitedBy,
    [property: Id(5)] IReadOnlyList<string> AlreadyViolated,
    [property: Id(6)] IReadOnlyList<FitStep> Steps,
    [property: Id(7)] IReadOnlyList<string> Notes,
    [property: Id(8)] double? CapWPerGpu = null,
    [property: Id(9)] FitSweepResult? Uncapped = null);

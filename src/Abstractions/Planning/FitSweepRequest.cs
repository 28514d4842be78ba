using TokenFactoryTwin.Abstractions.Topology;

namespace TokenFactoryTwin.Abstractions.Planning;

/// <summary>
/// "How many racks fit?": add racks of <see cref="RackType"/> to <see cref="Hall"/> one at a time, each on the
/// hall's A/B busway pair with the most N+1 headroom (or on <see cref="PowerA"/>/<see cref="PowerB"/> when given),
/// until a constraint breaks: any constraint (<see cref="StopAt"/> = <c>any</c>) or a power node (<c>power</c>).
/// With <see cref="CapWPerGpu"/> or <see cref="CapPercentOfRated"/>, the added racks' GPUs are capped (so each draws
/// at most the cap, and N+1 is sized on that draw), and the uncapped sweep runs beside it.
/// </summary>
[GenerateSerializer, Immutable, Alias("tft.FitSweepRequest")]
public sealed record FitSweepRequest(
    [property: Id(0)] string Hall,
    [property: Id(1)] string RackType = "gb300-nvl72",
    [property: Id(2)] string? PowerA = null,
    [property: Id(3)] string? PowerB = null,
    [property: Id(4)] WorkloadSpec? Workload = null,
    [property: Id(5)] double LoadLevel = 1.0,
    [property: Id(6)] int MaxRacks = 200,
    [property: Id(7)] string StopAt = FitSweepRequest.StopAtAny,
    [property: Id(8)] double? CapWPerGpu = null,
    [property: Id(9)] double? CapPercentOfRated = null)
{
    public const string StopAtAny = "any";
    public const string StopAtPower = "power";
}

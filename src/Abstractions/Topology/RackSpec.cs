namespace TokenFactoryTwin.Abstractions.Topology;

/// <summary>
/// A rack: its type from the catalog, where it stands (hall, row, position), the power nodes feeding its
/// A and B cords, where its telemetry comes from and what it serves. Virtual racks are planned, not bought.
/// </summary>
[GenerateSerializer, Immutable, Alias("tft.RackSpec")]
public sealed record RackSpec(
    [property: Id(0)] string Id,
    [property: Id(1)] string Hall,
    [property: Id(2)] string RackType,
    [property: Id(3)] int Row,
    [property: Id(4)] int Position,
    [property: Id(5)] string PowerA,
    [property: Id(6)] string? PowerB,
    [property: Id(7)] TelemetrySourceSpec Source,
    [property: Id(8)] WorkloadSpec? Workload = null,
    [property: Id(9)] bool Virtual = false);

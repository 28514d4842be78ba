namespace TokenFactoryTwin.Abstractions.Planning;

/// <summary>
/// How a flex event treats the racks serving <see cref="Model"/>: racks of lower <see cref="Priority"/> are capped
/// first (default 0), and none may fall below <see cref="MinInteractivity"/> tokens/s per user.
/// </summary>
[GenerateSerializer, Immutable, Alias("tft.FlexPriority")]
public sealed record FlexPriority(
    [property: Id(0)] string Model,
    [property: Id(1)] int Priority = 0,
    [property: Id(2)] double? MinInteractivity = null);

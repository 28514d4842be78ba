namespace TokenFactoryTwin.Abstractions.Planning;

/// <summary>
/// One rack in a flex plan: the cap per GPU it gets (<see cref="CapWPerGpu"/>), the SM clock that leaves (share of full
/// clock), its IT power and tokens/s before and during the event, and the interactivity its users then see.
/// </summary>
[GenerateSerializer, Immutable, Alias("tft.FlexRackCap")]
public sealed record FlexRackCap(
    [property: Id(0)] string Rack,
    [property: Id(1)] string Hall,
    [property: Id(2)] string Gpu,
    [property: Id(3)] int Gpus,
    [property: Id(4)] string Bound,
    [property: Id(5)] double DrawWPerGpu,
    [property: Id(6)] double CapWPerGpu,
    [property: Id(7)] double Clock,
    [property: Id(8)] double ItKwBefore,
    [property: Id(9)] double ItKwAfter,
    [property: Id(10)] double TokensPerSecondBefore,
    [property: Id(11)] double TokensPerSecondAfter,
    [property: Id(12)] double InteractivityAfter);

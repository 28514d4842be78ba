namespace TokenFactoryTwin.Abstractions.Kpis;

/// <summary>
/// What a rack puts on each of its cords, now and with the partner side lost, carried in its snapshot to its hall:
/// the hall forwards its racks' cord loads to each power node as one batch a period, so a rack sends one message a
/// period instead of three. <see cref="PowerB"/> is null for a single-corded rack.
/// </summary>
[GenerateSerializer, Immutable, Alias("tft.CordLoads")]
public sealed record CordLoads(
    [property: Id(0)] string PowerA,
    [property: Id(1)] double LoadAKw,
    [property: Id(2)] double LoadAIfPartnerLostKw,
    [property: Id(3)] string? PowerB,
    [property: Id(4)] double LoadBKw,
    [property: Id(5)] double LoadBIfPartnerLostKw);
